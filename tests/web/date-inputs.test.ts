// Every date a person types goes through the one date box (issue 8 item 5): in a form as
// <DateItem> (whose rule keeps a wrong date from being sent), on its own as <DateInput
// value=… onChange=…> (which shows its own error). A bare DateInput inside a Form.Item
// would drop a wrong date silently, and antd's DatePicker replaces what was typed: both
// are looked for here, so a new screen cannot bring them back.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : full.endsWith('.tsx') ? [full] : [];
  });
}
const sources = files(path.resolve('web/src')).map((f) => ({ file: path.relative(process.cwd(), f), text: fs.readFileSync(f, 'utf8') }));

describe('date boxes in the web app', () => {
  it('a DateInput outside DateItem is always given its value and onChange (never left to a Form.Item)', () => {
    const bare = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/<DateInput\b((?:=>|[^>])*?)\/>/gs)]
        .filter((m) => !/\bvalue=/.test(m[1]!) || !/\bonChange=/.test(m[1]!))
        .map((m) => `${file}: ${m[0].slice(0, 80)}`),
    );
    // DateItem itself renders the one DateInput that a form drives.
    expect(bare.filter((b) => !b.startsWith('web/src/components/DateInput.tsx'))).toEqual([]);
  });

  it("antd's DatePicker is used only to pick a month, a quarter or a year", () => {
    const pickers = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/<DatePicker\b((?:=>|[^>])*?)\/>/gs)].filter((m) => !/\bpicker=/.test(m[1]!)).map((m) => `${file}: ${m[0].slice(0, 80)}`),
    );
    expect(pickers).toEqual([]);
  });
});
