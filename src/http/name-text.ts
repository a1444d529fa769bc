// A name someone gives a member, a unit, a party group, a village or a guest: in Unicode NFC,
// trimmed, with at least one letter or digit. Characters that show nothing or turn the text
// around (zero-width spaces and joiners, the soft hyphen, the BOM, bidi controls), pasted
// along from a chat app or a web page, are taken out: kept, a name looks empty in the tree,
// reads backwards, or is not found by typing it. Control characters (a line break) are refused.
import { z } from 'zod';

const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export const nameText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => v.replace(INVISIBLE, '').normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1)
        .refine((v) => !CONTROL.test(v), { message: 'members.bad_characters' })
        // One message a name: an empty one is said empty, a line break said as such.
        .refine((v) => v === '' || CONTROL.test(v) || LETTER_OR_DIGIT.test(v), { message: 'fields.name_without_letters' }),
    );
