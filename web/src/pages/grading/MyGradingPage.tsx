// "Kiểm điểm, xếp loại" for a member, on a phone (issue 9 item 5): their open entry with the
// rule set's criteria and points, the fields of their form (2A, or 2B for a leading post), a
// self-grade, and the band the points reach as they type; sent after a confirmation. Once
// sent it reads back with where it stands (the cell's proposal, the decision).

import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../auth/session.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDate, showDateTime } from '../../lib/dates.ts';
import { isFormField, type MyEntry, stageOf, useMyEntries, usePeriod } from './grading-api.ts';
import { GRADE_COLORS, gradeLabel, periodDates, pointsText, ruleSetName, STAGE_COLORS, stageLabel } from './grading-labels.ts';
import { MyCommitment } from './MyCommitment.tsx';
import { SelfAssessmentForm } from './SelfAssessmentForm.tsx';

export default function MyGradingPage() {
  const t = useT();
  const { data: me } = useMe();
  const list = useMyEntries();
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }} data-testid="my-grading-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('grading.me.title')}
      </Typography.Title>
      {can(me, 'grade') && <Link to="/grading">{t('grading.me.toPeriods')}</Link>}
      {items.length === 0 ? <Empty description={t('grading.me.none')} /> : items.map((item) => <MyEntryCard key={item.entry.id} item={item} />)}
    </Space>
  );
}

function MyEntryCard({ item }: { item: MyEntry }) {
  const t = useT();
  const [lang] = useLang();
  const { period, entry } = item;
  const stage = stageOf(entry);
  const [editing, setEditing] = useState(false);
  const open = stage === 'waiting' || editing;
  return (
    <Card
      size="small"
      data-testid="my-grading-entry"
      data-stage={stage}
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {period.name} · {period.unitName}
        </span>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {periodDates(period)} · {ruleSetName(t, period.ruleSet.code)}
        </Typography.Text>
        <div>
          <Tag color={STAGE_COLORS[stage]} data-testid="my-grading-stage">
            {stageLabel(t, stage)}
          </Tag>
          {(stage === 'self_assessed' || stage === 'proposed') && <Typography.Text type="secondary">{t(`grading.me.next.${stage}`)}</Typography.Text>}
        </div>
        {entry.excluded && <Alert type="info" showIcon title={entry.excluded.text} data-testid="my-grading-excluded" />}
        {open && !entry.excluded ? (
          <OpenEntry item={item} onDone={() => setEditing(false)} onCancel={editing ? () => setEditing(false) : undefined} />
        ) : (
          (entry.selfAssessment || entry.proposal || entry.grade) && (
            <dl style={{ margin: 0 }} data-testid="my-grading-summary">
              <dt style={{ fontWeight: 600 }}>{t('grading.me.mySelf')}</dt>
              {!entry.selfAssessment ? (
                <dd style={{ margin: '0 0 8px' }} data-testid="my-grading-no-self">
                  <Typography.Text type="secondary">{t('grading.me.noSelf')}</Typography.Text>
                </dd>
              ) : (
                <dd style={{ margin: '0 0 8px' }}>
                  {t('grading.points', { points: pointsText(entry.selfAssessment.points, lang) })} ·{' '}
                  <Tag color={GRADE_COLORS[entry.selfAssessment.grade]}>{gradeLabel(t, entry.selfAssessment.grade)}</Tag>
                  {entry.selfAssessment.step && (
                    <Typography.Text type="secondary"> {t('grading.me.sentAt', { at: showDateTime(entry.selfAssessment.step.at) })}</Typography.Text>
                  )}
                  {Object.entries(entry.selfAssessment.forms?.fields ?? {}).map(([k, text]) => (
                    <div key={k} style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>
                      <Typography.Text type="secondary">{isFormField(k) ? t(`grading.formField.${k}`) : k}: </Typography.Text>
                      {text}
                    </div>
                  ))}
                </dd>
              )}
              {entry.proposal && (
                <>
                  <dt style={{ fontWeight: 600 }}>{t('grading.period.proposal')}</dt>
                  <dd style={{ margin: '0 0 8px' }}>
                    {t('grading.points', { points: pointsText(entry.proposal.points, lang) })} ·{' '}
                    <Tag color={GRADE_COLORS[entry.proposal.grade]}>{gradeLabel(t, entry.proposal.grade)}</Tag>
                    {entry.proposal.note && <div>{entry.proposal.note}</div>}
                  </dd>
                </>
              )}
              {entry.grade && (
                <>
                  <dt style={{ fontWeight: 600 }}>{t('grading.period.decision')}</dt>
                  <dd style={{ margin: 0 }} data-testid="my-grading-decided">
                    <Tag color={GRADE_COLORS[entry.grade]}>{gradeLabel(t, entry.grade)}</Tag>
                    {entry.decision?.decisionNumber && t('common.decisionShort', { number: entry.decision.decisionNumber })}
                    {entry.decision && (
                      <Typography.Text type="secondary"> {t('grading.me.decidedOn', { date: showDate(entry.decision.decidedOn) })}</Typography.Text>
                    )}
                  </dd>
                </>
              )}
            </dl>
          )
        )}
        {!open && stage !== 'decided' && stage !== 'excluded' && (
          <Button onClick={() => setEditing(true)} data-testid="my-grading-edit">
            {t('grading.me.edit')}
          </Button>
        )}
        {entry.subject === 'member' && <MyCommitment year={Number(period.endsOn.slice(0, 4))} commitments={entry.commitments} />}
      </Space>
    </Card>
  );
}

/** The form needs the period's criteria and bands (GET /grading/periods/:id shows a member their own entry). */
function OpenEntry({ item, onDone, onCancel }: { item: MyEntry; onDone: () => void; onCancel?: () => void }) {
  const detail = usePeriod(item.period.id);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  return <SelfAssessmentForm period={detail.data} entry={item.entry} onDone={onDone} onCancel={onCancel} />;
}
