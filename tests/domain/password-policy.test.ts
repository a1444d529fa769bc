import { describe, expect, it } from 'vitest';
import { passwordLength } from '../../src/domain/password-length.ts';
import { passwordProblem } from '../../src/domain/password-policy.ts';

describe('password policy', () => {
  it.each([
    ['        ', 'auth.password_too_short'],
    ['password', 'auth.password_too_short'],
    ['aaaaaaaa', 'auth.password_too_short'],
    ['aaaaaaaaaa', 'auth.password_too_simple'],
    ['          ', 'auth.password_too_simple'],
    ['ababababab', 'auth.password_too_simple'],
    ['chibo@2026', 'auth.password_common'],
    ['CHIBO@2026', 'auth.password_common'],
    ['password123', 'auth.password_common'],
    ['Password2026!', 'auth.password_common'],
    ['QWERTYUIOP', 'auth.password_common'],
    ['1234567890', 'auth.password_common'],
    ['mậtkhẩu2026', 'auth.password_common'],
    ['anh-yeu-em-nhieu-lam', null],
    ['nguyenvan.an-2026', 'auth.password_has_username'],
    ['NGUYENVAN.AN mùa xuân', 'auth.password_has_username'],
    ['mat-khau-thu-nghiem', null],
    ['Cây đa giếng nước sân đình', null],
    [`${'x'.repeat(201)}yzw`, 'auth.password_too_long'],
  ])('%j → %s', (password, expected) => {
    expect(passwordProblem(password, 'nguyenvan.an')).toBe(expected);
  });

  it('counts characters after NFC, not bytes or combining marks', () => {
    const decomposed = 'Tiếng Việt'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(10);
    expect(passwordLength(decomposed)).toBe(10);
    expect(passwordProblem('Đảng ủy xã'.normalize('NFD'), 'admin')).toBe(null);
    expect(passwordProblem('Đảng ủy x'.normalize('NFD'), 'admin')).toBe('auth.password_too_short');
  });
});
