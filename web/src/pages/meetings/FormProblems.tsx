import { Alert } from 'antd';
import { useT } from '../../i18n/i18n.ts';
import type { FieldProblem } from '../../lib/form-errors.ts';

/** The API's problems that match no field of the form, listed so none is lost. */
export function FormProblems({ problems, testId }: { problems: FieldProblem[]; testId: string }) {
  const t = useT();
  if (!problems.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('errors.fieldsTitle')}
      data-testid={testId}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {problems.map((u) => (
            <li key={u.path + u.message}>{u.message}</li>
          ))}
        </ul>
      }
    />
  );
}
