// Record ids as the API takes them: whole numbers within PostgreSQL's int4, so a huge one is a
// 400 rather than a database error. In a path or a query string only decimal digits count:
// zod's coercion (Number()) would also read "1e3", "0x10", " 7" or "" as ids.
import { z } from 'zod';

export const MAX_RECORD_ID = 2_147_483_647;

/** An id inside a JSON body (a wrong one is said in zod's plain words: "must be a number"…). */
export const recordId = z.number().int().positive().max(MAX_RECORD_ID);

const message = 'validation.bad_id';
/** An id in a path or a query string: anything but 1 to 10 digits within int4 is "not a valid
 * id"; a missing one is "required". Described as an integer in the OpenAPI document (zod
 * describes a preprocessed schema by what it passes on to). */
export const recordIdText = z.preprocess(
  (v) => (typeof v === 'string' && /^[0-9]{1,10}$/.test(v) ? Number(v) : v),
  z
    .number({ error: (issue) => (issue.input === undefined ? undefined : message) })
    .int({ message })
    .positive({ message })
    .max(MAX_RECORD_ID, { message }),
);

export const recordIdParams = z.strictObject({ id: recordIdText });
