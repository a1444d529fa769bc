import { describe, expect, it } from 'vitest';
import { cellMonthHeld, type MonthMeeting } from '../../src/domain/party-group-compliance.ts';

const whole: MonthMeeting = { partyGroupId: null, groupsThen: [1, 2] };
const group = (id: number, groupsThen: number[] = [1, 2]): MonthMeeting => ({ partyGroupId: id, groupsThen });

describe('a cell meeting by party group: the month counts as held when…', () => {
  it.each<[string, MonthMeeting[], boolean]>([
    ['nothing was held', [], false],
    ['the whole cell met', [whole], true],
    ['the whole cell met, and one group too', [whole, group(1)], true],
    ['every group met', [group(1), group(2)], true],
    ['one group met twice, the other not', [group(1), group(1)], false],
    ['only one of two groups met', [group(1)], false],
    ['a group founded mid-month is required from its founding on', [group(1, [1, 2]), group(2, [1, 2, 3])], false],
    ['… and counts once it met', [group(1, [1, 2]), group(2, [1, 2, 3]), group(3, [1, 2, 3])], true],
    ['a group closed before the others met is not required', [group(1, [1]), group(1, [1])], true],
    ['a cell without groups that met as a whole', [{ partyGroupId: null, groupsThen: [] }], true],
  ])('%s', (_, meetings, expected) => {
    expect(cellMonthHeld(meetings)).toBe(expected);
  });
});
