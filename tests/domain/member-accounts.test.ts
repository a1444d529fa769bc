import { describe, expect, it } from 'vitest';
import { accountUsername, oneTimePassword } from '../../src/domain/member-accounts.ts';
import { passwordProblem } from '../../src/domain/password-policy.ts';

describe('accounts for a whole cell', () => {
  it.each([
    ['Nguyễn Văn Đức', '1980-05-17', [], 'nguyenvanduc80'],
    ['Lò Thị Mai', '2001-01-01', [], 'lothimai01'],
    ['Hà Văn Sơn', '1990-04-02', ['havanson90'], 'havanson90.2'],
    ['Hà Văn Sơn', '1990-04-02', ['havanson90', 'havanson90.2'], 'havanson90.3'],
    ["Y Bhăm Ê'ban", '1975-03-03', [], 'ybhameban75'],
  ])('%s born %s → %s (taken: %o)', (name, born, taken, expected) => {
    const username = accountUsername(name, born, new Set(taken));
    expect(username).toBe(expected);
    expect(username).toMatch(/^[a-z0-9._-]{3,50}$/);
  });

  it('makes one-time passwords of three groups of four, without look-alike characters, that the password rules accept', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = oneTimePassword();
      expect(password).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
      expect(passwordProblem(password, 'nguyenvanduc80')).toBeNull();
    }
    expect(oneTimePassword(() => 0)).toBe('aaaa-aaaa-aaaa');
  });
});
