// Benchmark: member lists at scale. The province demo (4,423 units, 100,000 members) and a
// commune-only demo (the same commune, Bắc Bình: 13 units, 340 members) each behind their
// own `chibo serve`, over real HTTP, measured side by side: every round sends each request
// to both servers, in alternating order, so the shared machine's noise falls on both.
//   - the commune secretary (bithu.xa, a subtree grant and a member record of their own):
//     first page (with the total), next page (cursor), last page (cursor, and page=N),
//     a name search without diacritics — province ÷ commune should stay within 2×;
//   - the province admin: first page, a search for "nguyen van" (p95 ≤ 50 ms on PostgreSQL);
//   - throughput: concurrent clients (a session each) on GET /auth/me, then on the secretary's member list,
//     in alternating slices on the province server: the list's share of /auth/me's rate.
// Run: npm run bench -- lists [--engine postgres|pglite] [--rounds 150] [--slices 6]
//   [--slice-seconds 2] [--clients 8] [--province-template DB|DIR] [--commune-template DB|DIR] [--keep]
// (on PostgreSQL the templates are databases copied with CREATE DATABASE … TEMPLATE; on
// PGlite they are data folders used as they are; without them `chibo demo` makes both.)
import { parseArgs } from 'node:util';
import { demoDatabase, type Engine, loadAverage, round2, type Server, startServer, summary } from './lib/serve.ts';
import { writeBenchResult } from './lib/write-result.ts';

interface ListAnswer {
  items: { id: number; unitId: number }[];
  total: number;
  page: number;
  nextCursor: string | null;
  lastCursor: string | null;
}

export default async function lists(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      engine: { type: 'string', default: 'postgres' },
      rounds: { type: 'string', default: '150' },
      slices: { type: 'string', default: '6' },
      'slice-seconds': { type: 'string', default: '2' },
      clients: { type: 'string', default: '8' },
      'province-template': { type: 'string' },
      'commune-template': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const engine = values.engine as Engine;
  const rounds = Number(values.rounds);
  const loadAtStart = loadAverage();
  const t0 = performance.now();
  const province = await demoDatabase(engine, 'bench_lists_province', 'province', values['province-template']);
  const commune = await demoDatabase(engine, 'bench_lists_commune', 'commune', values['commune-template']);
  const setupMs = performance.now() - t0;
  const basePort = 21000 + (process.pid % 10000);
  const servers: Server[] = [];
  try {
    const P = await startServer(province.env, basePort);
    servers.push(P);
    const C = await startServer(commune.env, basePort + 1);
    servers.push(C);
    const secretary = { P: await P.login('bithu.xa'), C: await C.login('bithu.xa') };
    const admin = await P.login('admin');

    const get = async (s: Server, cookie: string, url: string) => {
      const started = performance.now();
      const res = await s.request('GET', url, undefined, cookie);
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.slice(0, 300)}`);
      return { ms, body: JSON.parse(res.body) as ListAnswer };
    };
    const list = '/api/v1/members?pageSize=50';
    // The same secretary sees the same ~340 members on both databases: a check, not a figure.
    // (The commune demo alone adds its own areas' people — one candidate admitted through the
    // admissions module — so the two may differ by a member or two, never by a scale.)
    const firstP = (await get(P, secretary.P, list)).body;
    const firstC = (await get(C, secretary.C, list)).body;
    if (Math.abs(firstP.total - firstC.total) > firstP.total * 0.02)
      throw new Error(`the secretary sees ${firstP.total} members on the province, ${firstC.total} on the commune`);
    const lastPage = Math.max(1, Math.ceil(firstP.total / 50));
    const search = encodeURIComponent('nguyen van');

    type Op = (s: 'P' | 'C') => Promise<number>;
    const server = (k: 'P' | 'C') => (k === 'P' ? P : C);
    const secretaryOps: Record<string, Op> = {
      firstPage: async (k) => (await get(server(k), secretary[k], list)).ms,
      nextPage: async (k) => {
        const first = await get(server(k), secretary[k], list);
        return (await get(server(k), secretary[k], `${list}&cursor=${first.body.nextCursor}`)).ms;
      },
      lastPageCursor: async (k) => (await get(server(k), secretary[k], `${list}&cursor=${(k === 'P' ? firstP : firstC).lastCursor}`)).ms,
      lastPageOffset: async (k) => (await get(server(k), secretary[k], `${list}&page=${lastPage}`)).ms,
      search: async (k) => (await get(server(k), secretary[k], `${list}&q=${search}`)).ms,
    };
    const times: Record<string, { P: number[]; C: number[] }> = {};
    for (const name of Object.keys(secretaryOps)) times[name] = { P: [], C: [] };
    const adminTimes = { firstPage: [] as number[], searchNguyenVan: [] as number[], searchNextPage: [] as number[] };
    // Warm both servers (plans, caches) before anything is recorded.
    for (let i = 0; i < 10; i++)
      for (const op of Object.values(secretaryOps)) {
        await op('P');
        await op('C');
      }
    for (let r = 0; r < rounds; r++) {
      for (const [name, op] of Object.entries(secretaryOps)) {
        const order: ('P' | 'C')[] = r % 2 === 0 ? ['P', 'C'] : ['C', 'P'];
        for (const k of order) times[name]![k].push(await op(k));
      }
      adminTimes.firstPage.push((await get(P, admin, list)).ms);
      const s = await get(P, admin, `${list}&q=${search}`);
      adminTimes.searchNguyenVan.push(s.ms);
      adminTimes.searchNextPage.push((await get(P, admin, `${list}&q=${search}&cursor=${s.body.nextCursor}`)).ms);
    }
    const secretaryFigures = Object.fromEntries(
      Object.entries(times).map(([name, t]) => {
        const p = summary(t.P);
        const c = summary(t.C);
        return [name, { province: p, commune: c, ratioP50: round2(p.p50 / c.p50), ratioP95: round2(p.p95 / c.p95) }];
      }),
    );

    // Throughput on the province server: alternating slices of /auth/me and the member list.
    const clients = Number(values.clients);
    const sliceMs = Number(values['slice-seconds']) * 1000;
    // Each client its own session, as concurrent users have: requests sent together with one
    // cookie share its look-up (authenticate.ts), which would make /auth/me all but free.
    const sessions = async (username: string) => {
      const cookies: string[] = [];
      for (let i = 0; i < clients; i++) cookies.push(await P.login(username));
      return cookies;
    };
    const secretarySessions = await sessions('bithu.xa');
    const adminSessions = await sessions('admin');
    const hammer = async (url: string, cookies: string[]) => {
      let done = 0;
      const until = performance.now() + sliceMs;
      await Promise.all(
        cookies.map(async (cookie) => {
          while (performance.now() < until) {
            const res = await P.request('GET', url, undefined, cookie);
            if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
            done++;
          }
        }),
      );
      return done;
    };
    const rps = { authMe: 0, memberList: 0, adminMemberList: 0 };
    const slices = Number(values.slices);
    for (let i = 0; i < slices; i++) {
      rps.authMe += await hammer('/api/v1/auth/me', secretarySessions);
      rps.memberList += await hammer(list, secretarySessions);
      rps.adminMemberList += await hammer(`${list}&cursor=${firstPageOf(await get(P, admin, list))}`, adminSessions);
    }
    const seconds = (slices * sliceMs) / 1000;
    const throughput = {
      clients,
      seconds,
      authMeRps: Math.round(rps.authMe / seconds),
      secretaryMemberListRps: Math.round(rps.memberList / seconds),
      adminMemberListNextPageRps: Math.round(rps.adminMemberList / seconds),
      secretaryListShareOfAuthMe: round2(rps.memberList / rps.authMe),
      adminListShareOfAuthMe: round2(rps.adminMemberList / rps.authMe),
    };
    const loadAtEnd = loadAverage();
    const adminFigures = {
      firstPage: summary(adminTimes.firstPage),
      searchNguyenVan: summary(adminTimes.searchNguyenVan),
      searchNextPage: summary(adminTimes.searchNextPage),
    };
    const ok = {
      secretaryWithin2x: Object.values(secretaryFigures).every((f) => f.ratioP50 <= 2),
      adminSearchP95Within50ms: adminFigures.searchNguyenVan.p95 <= 50,
      listAtLeast30PercentOfAuthMe: throughput.secretaryListShareOfAuthMe >= 0.3,
    };
    writeBenchResult(`lists-${engine}`, {
      engine,
      rounds,
      setupMs: Math.round(setupMs),
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      secretaryMembers: { province: firstP.total, commune: firstC.total },
      secretary: secretaryFigures,
      provinceAdmin: adminFigures,
      throughput,
      targets: ok,
      note: 'times in ms over HTTP (request to last byte), province and commune servers measured alternately in one run',
    });
  } finally {
    for (const s of servers) await s.stop();
    if (!values.keep) {
      await province.drop();
      await commune.drop();
    }
  }
}

/** The cursor of a list's second page: the admin's throughput is measured past the counted first page. */
function firstPageOf(answer: { body: ListAnswer }): string {
  return answer.body.nextCursor ?? '';
}
