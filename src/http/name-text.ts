// A name someone gives a member, a unit, a party group, a village or a guest: trimmed, in
// Unicode NFC, with at least one letter or digit, and without characters that show nothing
// or turn the text around (control characters, zero-width spaces and joiners, the BOM, bidi
// controls). Pasted from a chat app, such a name looks empty in the tree or reads backwards,
// and no one finds it by typing it.
import { z } from 'zod';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const INVISIBLE = /[\u0000-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export const nameText = (max: number) =>
  z
    .string()
    .max(max)
    .trim()
    .normalize('NFC')
    .min(1)
    .refine((v) => !INVISIBLE.test(v), { message: 'fields.invisible_characters' })
    // One message a name: hidden characters are said first.
    .refine((v) => INVISIBLE.test(v) || LETTER_OR_DIGIT.test(v), { message: 'fields.name_without_letters' });
