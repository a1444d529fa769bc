#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size=16 (also in package.json's start and chibo scripts): on a machine
// with much memory V8 gives the young generation up to 2 × 64 MB, all of it touched within
// one big export and kept as the server's RSS; with 16 MB a 100,000-member export grew the
// server by ~12 MiB instead of ~90 (src/config.ts heapGrowingPercent does the rest).
// Runs the TypeScript CLI through tsx, so `npm start` needs no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
