// Puts the API's per-field problems next to the fields they belong to. Paths come as
// 'body.fullName' or 'parts.0.code'; those that match no field on the form are returned
// so the form can list them instead of losing them.
import type { FormInstance } from 'antd';
import { groupBy } from '../../../src/domain/group-by.ts';
import { ApiError } from '../api/client.ts';

export type FieldProblem = { path: string; message: string };

export function applyApiErrors(form: FormInstance, error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return [];
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const problems = error.problem.errors.map((p) => ({ path: p.path.replace(/^(body|querystring|params)\.?/, ''), message: p.message }));
  const unmatched: FieldProblem[] = problems.filter((p) => !registered.has(p.path));
  const byField = groupBy(
    problems.filter((p) => registered.has(p.path)),
    (p) => p.path,
    (p) => p.message,
  );
  form.setFields([...byField].map(([path, errors]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors })));
  return unmatched;
}
