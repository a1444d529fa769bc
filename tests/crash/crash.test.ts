// Crash tests: the real server (`chibo serve`, a separate process) is SIGKILLed at a random
// moment during (a) an import apply, (b) the adoption of minutes, (c) a loop of writes,
// ROUNDS times each, on this run's engine (PGlite data folder, or PostgreSQL with
// DATABASE_URL). Each round starts the server again on the data the last kill left (the
// data folder must open; the killed server's lock must not block it). After the rounds the
// server is started once more and the data opened directly: every acknowledged write is there, nothing is half-written.
// The kill moments come from a seeded generator; the seed is printed, and
// CHIBO_CRASH_SEED=<seed> repeats them. CHIBO_CRASH_ROUNDS changes the number of rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/modules/demo/random.ts';
import { type CrashDatabase, type CrashOrg, createCrashDatabase, seedCrashOrg } from './crash-fixtures.ts';
import { startServerProcess } from './server-process.ts';
import { adoptionWorkload, importWorkload, type Round, type Workload, writeLoopWorkload } from './workloads.ts';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const SEED = Number(process.env.CHIBO_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.CHIBO_CRASH_ROUNDS ?? 5);
const IMPORT_ROWS = 2000;
const rng = new Rng(SEED);
const log = (line: string) => console.log(`[crash ${engine}] ${line}`);

let data: CrashDatabase;
let org: CrashOrg;

beforeAll(async () => {
  log(`seed ${SEED} (CHIBO_CRASH_SEED=${SEED} repeats these kill moments), ${ROUNDS} rounds per workload`);
  data = await createCrashDatabase();
  const database = await data.open();
  org = await seedCrashOrg(database);
  await database.close();
});
afterAll(async () => {
  await data?.dispose();
});

/** ROUNDS times: start the server on the data as the last kill left it, write, SIGKILL after a random delay. */
async function crashRounds(name: string, workload: Workload, delayMs: [number, number]) {
  const started = performance.now();
  for (let number = 1; number <= ROUNDS; number++) {
    const server = await startServerProcess(data.location);
    let firstAck!: () => void;
    const acknowledged = new Promise<void>((resolve) => {
      firstAck = resolve;
    });
    const round: Round = { number, killed: false, inFlight: new Map(), acknowledged: () => firstAck() };
    const loop = (await workload.prepare(server, round))();
    // The clock starts at the first acknowledged write: the first requests of a fresh
    // process are slow, and a kill before any acknowledgement would test little.
    const delay = rng.int(delayMs[0], delayMs[1]);
    const stopped = loop.then(
      () => true,
      () => true,
    );
    let failed = await Promise.race([stopped, acknowledged.then(() => false)]);
    failed ||= await Promise.race([stopped, new Promise((r) => setTimeout(r, delay)).then(() => false)]);
    round.killed = true;
    const now = performance.now();
    const inFlight = [...round.inFlight].map(([label, since]) => `${label} (sent ${Math.round(now - since)} ms before)`);
    await server.kill();
    try {
      await loop;
    } catch (error) {
      throw new Error(`${name}, round ${number}: ${(error as Error).message}\nserver output:\n${server.output()}`);
    }
    if (failed) throw new Error(`${name}, round ${number}: the write loop stopped before the kill`);
    log(`${name} round ${number}: SIGKILL ${delay} ms after the first acknowledged write; in flight: ${inFlight.join(', ') || 'nothing'}`);
  }
  // A crash is followed by a restart: what the server mends as it starts (an unfinished
  // PGlite import undone from its journal) is part of what the user gets back.
  await (await startServerProcess(data.location)).kill();
  const database = await data.open();
  try {
    const faults = await workload.check(database);
    log(`${name}: ${workload.summary()}; ${faults.length} faults; ${Math.round(performance.now() - started)} ms`);
    expect(faults).toEqual([]);
  } finally {
    await database.close();
  }
}

describe(`SIGKILL of the server on ${engine}`, () => {
  it('loses no acknowledged import and leaves none half-applied', async () => {
    await crashRounds('import apply', importWorkload(org, IMPORT_ROWS), [300, 4000]);
  }, 900_000);

  it('leaves each adoption of minutes complete or not begun', async () => {
    await crashRounds('adoption of minutes', adoptionWorkload(org), [200, 2500]);
  }, 900_000);

  it('loses no acknowledged member and leaves none half-written', async () => {
    await crashRounds('write loop', writeLoopWorkload(org, 4), [200, 2000]);
  }, 900_000);
});
