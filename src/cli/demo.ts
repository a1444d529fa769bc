// `chibo demo --scale commune|province|nation [--seed N]`: fills an empty database with
// the synthetic demo organisation and prints the demo accounts.
import type { CommandContext } from '../cli.ts';
import { AppError } from '../http/app-error.ts';
import { t } from '../i18n/messages.ts';
import { DEMO_SCALES, type DemoScale } from '../modules/demo/plan-units.ts';
import { demoAccountsFor, seedDemo } from '../modules/demo/seed-demo.ts';

/** An AppError as the Vietnamese sentence a person reads; anything else unchanged. */
export function cliMessage(error: unknown): Error {
  return error instanceof AppError ? new Error(t('vi', `errors.${error.code}`, error.params)) : (error as Error);
}

export async function demoCommand(ctx: CommandContext) {
  const { values } = ctx.parse({ scale: { type: 'string', default: 'commune' }, seed: { type: 'string', default: '1' } });
  const scale = String(values.scale);
  const seedText = String(values.seed);
  if (!DEMO_SCALES.includes(scale as DemoScale)) throw cliMessage(new AppError('demo.bad_scale', 400, { value: scale }));
  if (!/^[0-9]{1,9}$/.test(seedText)) throw cliMessage(new AppError('demo.bad_seed', 400, { value: seedText }));
  const seed = Number(seedText);

  const database = await ctx.open();
  try {
    console.log(t('vi', 'demo.cli.creating', { scale, seed }));
    const result = await seedDemo(database, {
      scale: scale as DemoScale,
      seed,
      onProgress: (members) => console.log(t('vi', 'demo.cli.progress', { members: members.toLocaleString('vi-VN') })),
    }).catch((error: unknown) => {
      throw cliMessage(error);
    });
    console.log(
      t('vi', 'demo.cli.done', {
        units: result.units.toLocaleString('vi-VN'),
        cells: result.cells.toLocaleString('vi-VN'),
        members: result.members.toLocaleString('vi-VN'),
        meetings: result.meetings.toLocaleString('vi-VN'),
        seconds: (result.ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 }),
      }),
    );
    console.log(t('vi', 'demo.cli.accounts'));
    for (const a of demoAccountsFor(scale as DemoScale)) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(12)} ${a.description}`);
  } finally {
    await database.close();
  }
}
