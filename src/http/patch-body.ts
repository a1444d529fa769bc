// A PATCH body must change something: `{}` (or only undefined fields) is the caller's
// mistake, answered 400 before any use case builds an UPDATE with nothing to set.
import type { z } from 'zod';

export function atLeastOneField<T extends z.ZodObject>(schema: T, besides: readonly string[] = []): T {
  return schema.refine((value) => Object.entries(value).some(([key, v]) => v !== undefined && !besides.includes(key)), {
    message: 'fields.nothing_to_update',
  });
}
