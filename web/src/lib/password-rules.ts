// The password box's own checks, before the server's: required and at least 10
// characters as a person counts them (after NFC, so a Vietnamese letter typed with
// combining marks is one). The server also refuses common passwords and the username,
// and its message shows beside the field.
import type { FormRule } from 'antd';
import { PASSWORD_MIN_CHARS, passwordLength } from '../../../src/domain/password-length.ts';
import type { Translate } from '../i18n/i18n.ts';

export function passwordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('validation.required') },
    {
      validator: (_, value: string | undefined) =>
        !value || passwordLength(value) >= PASSWORD_MIN_CHARS ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMin'))),
    },
  ];
}
