// One candidate: where they stand and their next deadline, the next step's form (a confirmation
// before each step that cannot be undone here), the dossier checklist and every step recorded.
import { Alert, Breadcrumb, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import type { Candidate } from './admissions-api.ts';
import { useCandidate } from './admissions-api.ts';
import { DeadlineText } from './DeadlineTag.tsx';
import { DossierChecklist } from './DossierChecklist.tsx';
import { StepForm } from './StepForm.tsx';

export default function CandidatePage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useCandidate(id);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="candidate-page">
      <Breadcrumb items={[{ title: <Link to={`/admissions?unitId=${c.unitId}`}>{t('admissions.title')}</Link> }, { title: c.fullName }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {c.fullName}
      </Typography.Title>
      <Card size="small">
        <div style={{ fontSize: 17, fontWeight: 600 }} data-testid="candidate-stage" data-stage={c.stage}>
          {t(`admissions.stage.${c.stage}`)}
        </div>
        {c.running.length === 0 ? (
          <DeadlineText d={null} />
        ) : (
          c.running.map((d) => (
            <div key={d.kind}>
              <DeadlineText d={d} />
            </div>
          ))
        )}
        {c.partyAgeMonths !== null && <div>{t('admissions.partyAge', { months: c.partyAgeMonths })}</div>}
        {c.memberId !== null && (
          <Link to={`/members/${c.memberId}`}>
            <Button style={{ minHeight: 44, marginTop: 8 }}>{t('admissions.openMember')}</Button>
          </Link>
        )}
        <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('admissions.unit')}>{c.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('admissions.form.dateOfBirth')}>{showDate(c.dateOfBirth)}</Descriptions.Item>
          {c.residence && <Descriptions.Item label={t('admissions.form.residence')}>{c.residence}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <NextStep c={c} />
      {['source', 'helper_assigned', 'awareness_course', 'application'].includes(c.stage) && <DossierChecklist c={c} />}
      <History c={c} />
    </Space>
  );
}

function NextStep({ c }: { c: Candidate }) {
  const t = useT();
  if (!c.canEdit) return <Alert type="info" showIcon title={t('admissions.readOnly')} />;
  if (c.nextSteps.length === 0) return <Alert type="success" showIcon title={t('admissions.done')} />;
  return (
    <Card size="small" title={t('admissions.nextStep')} data-testid="next-step">
      {c.nextSteps.map((s) => (
        <StepForm key={s} c={c} step={s} />
      ))}
    </Card>
  );
}

function History({ c }: { c: Candidate }) {
  const t = useT();
  return (
    <Card size="small" title={t('admissions.history')}>
      <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="candidate-history">
        {c.steps.map((s) => (
          <li key={s.id} style={{ padding: '6px 0', opacity: s.superseded ? 0.6 : 1 }} data-testid="history-step" data-step={s.step}>
            <strong>{t(`admissions.step.${s.step}`)}</strong> — {showDate(s.doneOn)}
            {s.superseded && (
              <Tag style={{ marginLeft: 6 }} color="default">
                {t('admissions.supersededTag')}
              </Tag>
            )}
            <div style={{ color: 'rgba(0,0,0,0.55)' }}>
              {[
                s.decisionNumber,
                s.member?.fullName,
                s.votesFor !== null && s.fullMembers !== null ? t('admissions.votes', { for: s.votesFor, of: s.fullMembers }) : null,
                s.note,
                s.correctionReason ? t('admissions.corrected', { reason: s.correctionReason }) : null,
                s.recordedBy ? t('admissions.by', { who: s.recordedBy }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
