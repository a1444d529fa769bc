// fast-check arbitraries for requests to one operation of the OpenAPI document, derived
// from its JSON schemas: mostly a valid request with one thing changed (a body field, a
// query or path parameter, a missing or unknown field) to a boundary value, a wrong type
// or hostile text; sometimes a request drawn whole from the schema, a random one, an
// oversized body, or — for upload routes — a broken or hostile multipart upload.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { multipartBody, type UploadPart } from './multipart.ts';
import type { Operation, Schema } from './openapi-operations.ts';
import { MULTIPART } from './openapi-operations.ts';
import { bodyPaths, breaks, breaksText, type JsonPath, type Named, sampleValue, setAt, typeOf, urlOf, variant } from './schema-values.ts';

export type Lang = 'vi' | 'en';
export type Auth = 'session' | 'none' | 'bogus';

export type FuzzBody =
  | { json: unknown }
  | { raw: string | number[]; contentType?: string }
  | { oversized: number; contentType: string }
  | { multipart: MultipartSpec };

export interface MultipartSpec {
  boundary: string | null;
  closed: boolean;
  fieldName: string;
  fileName: string | undefined;
  fileType: string;
  content: 'empty' | 'bytes' | 'pdf' | 'xlsx template' | 'none';
  bytes: number[];
  extraField: string | undefined;
}

export interface FuzzRequest {
  op: string;
  method: string;
  url: string;
  /** What was done to the request, for the failure message. */
  kind: string;
  body?: FuzzBody;
  lang: Lang;
  auth: Auth;
  /** The request plainly breaks its schema, so it must be refused. */
  mustFail: boolean;
}

export interface FuzzContext {
  named: Named;
  realPathValue(path: string, name: string): string;
  templateXlsx: Buffer;
}

type Labelled = [string, unknown];

const INT4_MAX = 2_147_483_647;
/** Just over Fastify's bodyLimit (1 MiB). */
export const OVERSIZED = 1024 * 1024 + 1;

// Hostile text: the same list serves as body values, query values, path values and file names.
const HOSTILE: Labelled[] = [
  ['empty string', ''],
  ['spaces', '   '],
  ['tab and newline', '\t\r\n'],
  ['lone high surrogate', 'Nguy\uD800n'],
  ['lone low surrogate', '\uDC00'],
  ['reversed surrogate pair', '\uDE00\uD83D'],
  ['NUL', 'Nguyễn\u0000Văn'],
  ['only NUL', '\u0000'],
  ['control characters', '\u0007\u001b[31m\u007f'],
  ['combining marks (NFD Nguyễn)', 'Nguye\u0302\u0303n Va\u0306n'],
  ['precomposed Vietnamese', 'Nguyễn Thị Ánh Tuyết Đặng'],
  ['stacked combining marks', 'a\u0300\u0301\u0302\u0303\u0309\u0323'.repeat(20)],
  ['RTL override', '\u202Egnp.exe\u202C'],
  ['Arabic and Hebrew', 'مرحبا שלום'],
  ['emoji family', '👨‍👩‍👧‍👦🇻🇳'],
  ['zero-width', 'Ng\u200Buy\u200Dễn\uFEFF'],
  ['non-characters', '\uFFFE\uFFFF\u{10FFFF}'],
  ['replacement character', '\uFFFD'],
  ['SQL or 1=1', "' or 1=1 --"],
  ['SQL drop table', "'; drop table members; --"],
  ['SQL sleep', '1; select pg_sleep(5)--'],
  ['SQL quotes', `"' \\' ''`],
  ['LIKE wildcards', '%_%\\'],
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '"><img src=x onerror=alert(1)>'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack being sent
  ['template injection', '{{7*7}}${7*7}'],
  ['path traversal', '../../etc/passwd'],
  ['encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['backslash traversal', '..\\..\\windows\\win.ini'],
  ['absolute path', '/etc/passwd'],
  ['number text', '12345'],
  ['negative text', '-1'],
  ['float text', '1.5'],
  ['exponent text', '1e309'],
  ['NaN text', 'NaN'],
  ['true text', 'true'],
  ['null text', 'null'],
  ['JSON text', '{"a":[1]}'],
  ['10,000 characters', 'ữ'.repeat(10_000)],
  ['impossible date', '2025-02-30'],
  ['date dd/mm/yyyy', '10/03/2025'],
  ['year 0', '0000-01-01'],
  ['year 9999', '9999-12-31'],
  ['before 1900', '1899-12-31'],
  ['after 2100', '2101-01-01'],
  ['time 24:00', '24:00'],
  ['proto key text', '__proto__'],
];
const hostileText = fc.constantFrom(...HOSTILE);

const WRONG_TYPES: Labelled[] = [
  ['string', 'abc'],
  ['number', 12345],
  ['boolean', true],
  ['null', null],
  ['empty array', []],
  ['object', { a: 1 }],
  ['array of strings', ['a', 'b']],
  ['nested depth 50', JSON.parse('['.repeat(50) + ']'.repeat(50))],
];

const BAD_NUMBERS: Labelled[] = [
  ['0', 0],
  ['-1', -1],
  ['int4 max', INT4_MAX],
  ['int4 max + 1', INT4_MAX + 1],
  ['int4 min - 1', -INT4_MAX - 2],
  ['max safe integer', Number.MAX_SAFE_INTEGER],
  ['1e308', 1e308],
  ['fraction', 1.5],
  ['tiny fraction', 0.000001],
  ['-0.5', -0.5],
  ['number as text', '7'],
  ['id of no record', 2_000_000_000],
];

/** Boundary values of the schema's own type: min/max, one past each, and the bad numbers. */
function boundaries(schema: Schema, name: string | number | undefined): Labelled[] {
  const s = variant(schema);
  const type = typeOf(s);
  const out: Labelled[] = [];
  if (type === 'string') {
    if (s.maxLength !== undefined && s.maxLength <= 100_000) {
      // Precomposed letters count one each; the same text decomposed (NFD) is longer.
      out.push([`maxLength ${s.maxLength} (precomposed ệ)`, 'ệ'.repeat(s.maxLength)], [`maxLength + 1`, 'ệ'.repeat(s.maxLength + 1)]);
      out.push([`maxLength in NFD`, 'e\u0323\u0302'.repeat(Math.ceil(s.maxLength / 3))]);
    }
    if (s.minLength) out.push([`minLength - 1`, 'a'.repeat(s.minLength - 1)], [`minLength`, 'a'.repeat(s.minLength)]);
    if (s.format === 'date') out.push(['1900-01-01', '1900-01-01'], ['2100-12-31', '2100-12-31'], ['2024-02-29', '2024-02-29'], ['2025-02-29', '2025-02-29']);
  }
  if (type === 'integer' || type === 'number') {
    const min = typeof s.minimum === 'number' ? s.minimum : undefined;
    const max = typeof s.maximum === 'number' ? s.maximum : undefined;
    // An id's minimum (1) is a real record of someone else: ids get the named record instead.
    const isId = typeof name === 'number' || /Ids?$|^id$/.test(name ?? '');
    if (min !== undefined && !isId) out.push([`minimum ${min}`, min], ['minimum - 1', min - 1]);
    if (max !== undefined) out.push([`maximum ${max}`, max], ['maximum + 1', max + 1]);
    out.push(...BAD_NUMBERS);
  }
  if (type === 'array') {
    const item = s.items ?? {};
    out.push(['empty array', []], ['1,000 items', Array.from({ length: 1000 }, () => 1)]);
    if (s.maxItems !== undefined && s.maxItems <= 1000)
      out.push(['maxItems + 1', Array.from({ length: s.maxItems + 1 }, () => (typeOf(variant(item)) === 'string' ? 'abc' : 1))]);
  }
  if (s.enum) out.push(['enum value in upper case', String(s.enum[0]).toUpperCase()], ['enum value with a space', ` ${String(s.enum[0])}`]);
  return out;
}

/** A bad value for one property: a boundary, a wrong type, hostile text or random JSON. */
function badValue(schema: Schema, name: string | number | undefined): fc.Arbitrary<Labelled> {
  const edges = boundaries(schema, name);
  return fc.oneof(
    { weight: 3, arbitrary: edges.length ? fc.constantFrom(...edges) : hostileText },
    { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 4, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v): Labelled => ['random JSON', v]) },
  );
}

/** A value drawn from the schema: valid more often than not, with random text. */
function fromSchema(schema: Schema, named: Named, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const real = named(name);
  const s = variant(schema);
  const arb = ((): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    switch (typeOf(s)) {
      case 'string': {
        if (s.format === 'date')
          return fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
        if (s.pattern) return fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength ?? 60 });
        return fc.oneof(
          fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }),
          hostileText.map(([, v]) => v),
        );
      }
      case 'integer':
        return fc.integer({
          min: typeof s.minimum === 'number' ? s.minimum : -10,
          max: Math.min(typeof s.maximum === 'number' ? s.maximum : INT4_MAX, INT4_MAX),
        });
      case 'number':
        return fc.double({ min: typeof s.minimum === 'number' ? s.minimum : -1e6, max: typeof s.maximum === 'number' ? s.maximum : 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3
          ? fc.constant([])
          : fc.array(fromSchema(s.items ?? {}, named, undefined, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
      case 'object': {
        if (depth > 3 || !s.properties) return fc.constant({});
        const parts = Object.fromEntries(Object.entries(s.properties).map(([k, sub]) => [k, fromSchema(sub, named, k, depth + 1)]));
        return fc.record(parts, { requiredKeys: s.required ?? [] });
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  return real === undefined ? arb : fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: arb });
}

// Path values: the real record, spellings of it, or hostile ones (some put in the URL raw).
function pathValue(real: string): fc.Arbitrary<{ label: string; value: string; raw: boolean; bad: boolean }> {
  // [label, value, raw (put in the URL unencoded), plainly bad]. Other spellings of the real
  // id (a leading zero or space, '+', '.0', hex) may be read as the number, which is fine.
  const spellings: Array<[string, string, boolean, boolean]> = [
    ['leading zero', `0${real}`, false, false],
    ['plus sign', `+${real}`, false, false],
    ['trailing .0', `${real}.0`, false, false],
    ['space', ` ${real}`, false, false],
    ['exponent', '1e3', false, false],
    ['hex', '0x10', false, false],
    ['zero', '0', false, true],
    ['negative', '-1', false, true],
    ['int4 max + 1', String(INT4_MAX + 1), false, true],
    ['huge', '99999999999999999999', false, true],
    ['300 characters', 'y'.repeat(300), false, true],
    ['raw traversal', '../../etc/passwd', true, false],
    ['raw encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', true, false],
    ['raw encoded NUL', `${real}%00`, true, false],
    ['raw broken escape', '%E0%A4%A', true, false],
    ['raw lone surrogate (CESU-8)', '%ED%A0%80', true, false],
    ['raw double-encoded slash', '..%252f..%252f', true, false],
  ];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ label: 'real', value: real, raw: false, bad: false }) },
    { weight: 3, arbitrary: fc.constantFrom(...spellings).map(([label, value, raw, bad]) => ({ label, value, raw, bad })) },
    { weight: 2, arbitrary: hostileText.map(([label, value]) => ({ label, value: String(value), raw: false, bad: true })) },
  );
}

// Query text values for one parameter.
function queryValue(schema: Schema): fc.Arbitrary<Labelled> {
  const edges = boundaries(schema, undefined)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([l, v]): Labelled => [l, String(v)]);
  return fc.oneof(
    { weight: 2, arbitrary: edges.length ? fc.constantFrom(...edges) : hostileText },
    { weight: 3, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.constantFrom<Labelled>(['twice', ['1', '2']], ['[] form', '1'], ['1e3', '1e3'], ['0x10', '0x10'], ['+1', '+1'], [' 1', ' 1']) },
  );
}

// Raw query strings the URL parser itself must survive.
const RAW_QUERIES = [
  '%',
  'a=%ZZ',
  'unitId=%ED%A0%80',
  'unitId=%00',
  'unitId[]=1',
  'unitId[a]=1',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'q=%E0%A4%A',
  `${'a=1&'.repeat(2000)}b=2`,
  '=&=&&',
  'unitId=1&unitId=2&unitId=3',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'application/vnd.api+json',
  '',
];

const RAW_BODIES: Array<[string, string | number[]]> = [
  ['malformed JSON', '{"a": "Nguyễn'],
  ['JSON with a __proto__ key', '{"__proto__": {"isAdmin": true}}'],
  ['JSON with a constructor.prototype key', '{"constructor": {"prototype": {"isAdmin": true}}}'],
  ['lone surrogate escape', '{"x": "\\ud800"}'],
  ['NUL escape', '{"x": "\\u0000"}'],
  ['duplicate keys', '{"a": 1, "a": 2}'],
  ['100,000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['invalid UTF-8 bytes', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]],
  ['UTF-8 BOM', '\uFEFF{}'],
  ['JSON null', 'null'],
  ['JSON number', '1e400'],
  ['JSON string', '"x"'],
  ['empty', ''],
  ['whitespace', ' \n '],
];

// Multipart uploads: hostile file names, broken framing, wrong field names, odd contents.
const FILE_NAMES: Labelled[] = [
  ['a plain name', 'danh-sach.xlsx'],
  ['Vietnamese name', 'Danh sách đảng viên.xlsx'],
  ['traversal', '../../etc/passwd'],
  ['encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['backslash traversal', '..\\..\\boot.ini'],
  ['NUL in name', 'a\u0000.xlsx'],
  ['CRLF in name', 'a\r\nContent-Type: text/html\r\n.xlsx'],
  ['quote in name', 'a".xlsx'],
  ['empty name', ''],
  ['only dots', '..'],
  ['300-character name', `${'t'.repeat(296)}.pdf`],
  ['lone surrogate name', '\uD800.pdf'],
  ['RTL override name', '\u202Efdp.exe'],
  ['script name', '<script>alert(1)</script>.pdf'],
  ['SQL name', "'; drop table members; --.pdf"],
  ['NFD name', 'Nghi\u0323 quye\u0302\u0301t.pdf'],
];
const multipartSpec: fc.Arbitrary<MultipartSpec> = fc.record({
  boundary: fc.oneof(
    { weight: 6, arbitrary: fc.constant('----chibo-fuzz') },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(300), 'a b', '"quoted"') },
  ),
  closed: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  fieldName: fc.oneof({ weight: 5, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.constantFrom('upload', '', 'file[]', 'fi\u0000le') }),
  fileName: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FILE_NAMES).map(([, v]) => v as string) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  fileType: fc.constantFrom(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/html',
    'application/octet-stream',
    '',
  ),
  content: fc.constantFrom('empty', 'bytes', 'pdf', 'xlsx template', 'none'),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 2048 }),
  extraField: fc.option(
    hostileText.map(([, v]) => v as string),
    { nil: undefined },
  ),
});

/** Every request an operation can be sent, weighted towards one-thing-wrong requests. */
export function requestArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const key = `${op.method} ${op.path}`;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const realPath = Object.fromEntries(pathParams.map((p) => [p.name, ctx.realPathValue(op.path, p.name)]));
  const baseQuery: Record<string, string | string[]> = {};
  for (const p of queryParams.filter((q) => q.required)) {
    const v = sampleValue(p.schema, ctx.named, p.name);
    baseQuery[p.name] = String(Array.isArray(v) ? v[0] : v);
  }
  const isUpload = MULTIPART.has(key);
  const baseline = op.body ? sampleValue(op.body, ctx.named) : undefined;
  const baseBody = (): FuzzBody | undefined => (op.body ? { json: baseline } : undefined);
  const paths = op.body ? bodyPaths(op.body) : [];
  const make = (
    kind: string,
    mustFail: boolean,
    parts: { path?: Record<string, string>; rawPath?: Set<string>; query?: Record<string, string | string[]>; rawQuery?: string; body?: FuzzBody },
  ) => {
    const pathValues = parts.path ?? realPath;
    // A lone surrogate has no UTF-8 form: a client sends U+FFFD (the raw values carry CESU-8).
    const encodable = (v: string) => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    let url = urlOf(
      op,
      Object.fromEntries(Object.entries(pathValues).map(([k, v]) => [k, parts.rawPath?.has(k) ? `\u0001${v}` : encodable(v)])),
      parts.query ?? baseQuery,
    );
    // Raw path values skip encodeURIComponent: undo its escaping of the marked ones.
    url = url.replace(/%01([^/?]*)/g, (_, encoded: string) => decodeURIComponent(encoded));
    if (parts.rawQuery !== undefined) url += (url.includes('?') ? '&' : '?') + parts.rawQuery;
    return { kind, mustFail, url, body: parts.body };
  };

  const mutations: Array<fc.WeightedArbitrary<ReturnType<typeof make>>> = [];
  // One body property changed.
  if (paths.length) {
    mutations.push({
      weight: 6,
      arbitrary: fc.constantFrom(...paths).chain(({ path, schema }) =>
        badValue(schema, path.at(-1)).map(([label, value]) => {
          const body = setAt(baseline, path, value, op.body!, ctx.named);
          return make(`body.${path.join('.')} = ${label}`, breaks(schema, value), { body: { json: body } });
        }),
      ),
    });
    mutations.push({
      weight: 1,
      arbitrary: fc.constantFrom(...paths).map(({ path }) => {
        const body = structuredClone(baseline) as Record<string, unknown>;
        removeAt(body, path);
        const required = isRequired(op.body!, path);
        return make(`body.${path.join('.')} missing`, required, { body: { json: body } });
      }),
    });
    mutations.push({
      weight: 1,
      arbitrary: fc
        .constantFrom('isAdmin', '__proto__', 'constructor', 'id', 'createdAt', '')
        .map((extra) => make(`unknown field "${extra}"`, extra !== '__proto__', { body: { json: { ...(baseline as object), [extra]: true } } })),
    });
  }
  // One path parameter changed.
  for (const p of pathParams) {
    mutations.push({
      weight: 2,
      arbitrary: pathValue(realPath[p.name]!).map(({ label, value, raw, bad }) =>
        make(`path ${p.name} = ${label}`, bad && !raw && breaksText(p.schema, value), {
          path: { ...realPath, [p.name]: value },
          rawPath: raw ? new Set([p.name]) : undefined,
          body: baseBody(),
        }),
      ),
    });
  }
  // One query parameter changed, or dropped, or the query string broken.
  for (const p of queryParams) {
    mutations.push({
      weight: 2,
      arbitrary: queryValue(p.schema).map(([label, value]) => {
        const text = Array.isArray(value) ? value.map(String) : String(value);
        // (A blank filter, as a form sends it, may mean no filter.)
        // Other spellings of a number ('+1', ' 1', '1e3', '0x10') may be read as the number.
        const lenient = ['[] form', '1e3', '0x10', '+1', ' 1'].includes(label);
        const mustFail = lenient
          ? false
          : Array.isArray(text)
            ? typeOf(variant(p.schema)) !== 'array'
            : text.trim() === ''
              ? Boolean(p.required) && breaksText(p.schema, text)
              : breaksText(p.schema, text);
        return make(`query ${p.name} = ${label}`, mustFail, { query: { ...baseQuery, [p.name]: text }, body: baseBody() });
      }),
    });
    if (p.required) {
      const rest = { ...baseQuery };
      delete rest[p.name];
      mutations.push({ weight: 1, arbitrary: fc.constant(make(`query ${p.name} missing`, true, { query: rest, body: baseBody() })) });
    }
  }
  mutations.push({
    weight: 1,
    arbitrary: fc
      .constantFrom(...RAW_QUERIES)
      .map((q) => make(`raw query ${q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : q}`, false, { rawQuery: q, body: baseBody() })),
  });
  // The whole request drawn from the schema.
  const queryFromSchema = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, fromSchema(p.schema, ctx.named, p.name).map((v) => String(Array.isArray(v) ? v[0] : v))])),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  mutations.push({
    weight: 3,
    arbitrary: fc
      .tuple(queryFromSchema, op.body ? fromSchema(op.body, ctx.named) : fc.constant(undefined))
      .map(([query, body]) => make('drawn from the schema', false, { query, body: body === undefined ? undefined : { json: body } })),
  });
  // Random and raw bodies, content types, oversized bodies (every operation but reads).
  if (op.method !== 'GET') {
    mutations.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...RAW_BODIES), fc.constantFrom(...CONTENT_TYPES))
        .map(([[label, raw], contentType]) => make(`raw body: ${label} as "${contentType}"`, false, { body: { raw, contentType } })),
    });
    mutations.push({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => make('random JSON body', false, { body: { json: value } })) });
    mutations.push({
      weight: 1,
      arbitrary: fc
        .constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain')
        .map((contentType) =>
          make(`oversized body (${OVERSIZED} bytes) as ${contentType}`, contentType === 'application/json', { body: { oversized: OVERSIZED, contentType } }),
        ),
    });
  }
  if (isUpload)
    mutations.push({ weight: 12, arbitrary: multipartSpec.map((spec) => make(`upload: ${describeUpload(spec)}`, false, { body: { multipart: spec } })) });

  return fc
    .record({
      request: fc.oneof(...mutations),
      lang: fc.constantFrom<Lang>('vi', 'vi', 'vi', 'vi', 'en'),
      auth: fc.oneof({ weight: 30, arbitrary: fc.constant<Auth>('session') }, { weight: 1, arbitrary: fc.constantFrom<Auth>('none', 'bogus') }),
    })
    .map(({ request, lang, auth }) =>
      withToString({ op: key, method: op.method, url: request.url, kind: request.kind, body: request.body, lang, auth, mustFail: request.mustFail }),
    );
}

function removeAt(root: Record<string | number, unknown>, path: JsonPath) {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  if (node && typeof node === 'object') delete (node as Record<string | number, unknown>)[path.at(-1)!];
}

function isRequired(schema: Schema, path: JsonPath): boolean {
  let s = variant(schema);
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number') return false;
    if (i === path.length - 1) return (s.required ?? []).includes(key);
    if (!(s.required ?? []).includes(key)) return false;
    s = variant(s.properties?.[key] ?? {});
  }
  return false;
}

function describeUpload(spec: MultipartSpec): string {
  const name = spec.fileName === undefined ? 'no file name' : JSON.stringify(spec.fileName.length > 40 ? `${spec.fileName.slice(0, 20)}…` : spec.fileName);
  return [
    spec.boundary === null ? 'no boundary' : `boundary ${JSON.stringify(spec.boundary.slice(0, 20))}`,
    spec.closed ? '' : 'unclosed',
    `field ${JSON.stringify(spec.fieldName)}`,
    name,
    spec.fileType || 'no type',
    spec.content === 'bytes' ? `${spec.bytes.length} random bytes` : spec.content,
    spec.extraField !== undefined ? 'extra field' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function withToString(request: FuzzRequest): FuzzRequest {
  // fast-check prints a counterexample with this: the request, not megabytes of body.
  return Object.assign(request, {
    [fc.toStringMethod]: () =>
      `${request.method} ${request.url.length > 200 ? `${request.url.slice(0, 200)}…` : request.url} [${request.kind}] (${request.lang}, ${request.auth})`,
  });
}

/** The inject() options for a request, building its body. */
export function injectOptions(request: FuzzRequest, templateXlsx: Buffer): InjectOptions {
  const headers: Record<string, string> = {};
  if (request.lang === 'en') headers['accept-language'] = 'en-US,en;q=0.9';
  const options: InjectOptions = { method: request.method as 'GET', url: request.url, headers };
  const body = request.body;
  if (!body) return options;
  if ('json' in body) {
    headers['content-type'] = 'application/json';
    options.payload = JSON.stringify(body.json) ?? 'null';
  } else if ('raw' in body) {
    if (body.contentType) headers['content-type'] = body.contentType;
    options.payload = typeof body.raw === 'string' ? body.raw : Buffer.from(body.raw);
  } else if ('oversized' in body) {
    headers['content-type'] = body.contentType;
    options.payload = `{"x":"${'a'.repeat(body.oversized)}"}`;
  } else {
    const spec = body.multipart;
    const content = {
      empty: Buffer.alloc(0),
      bytes: Buffer.from(spec.bytes),
      pdf: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF'),
      'xlsx template': templateXlsx,
      none: undefined,
    }[spec.content];
    const parts: UploadPart[] = [];
    if (spec.extraField !== undefined) parts.push({ name: 'note', content: spec.extraField });
    if (content !== undefined) parts.push({ name: spec.fieldName, fileName: spec.fileName, type: spec.fileType || undefined, content });
    const built = multipartBody(parts, { boundary: spec.boundary, closed: spec.closed });
    Object.assign(headers, built.headers);
    options.payload = built.payload;
  }
  return options;
}
