// A grading period for a unit (issue 9 item 5), for the cell's secretary and the committee:
// progress counts, who is graded and who is left out and why, each member's self-assessment,
// the cell's appraisal and proposed grade (with the conditions that capped it and why), and
// for the competent committee the decision screen (DecisionPanel). Results and the xlsx
// table are one tap away.

import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { can, useMe } from '../../auth/session.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDateTime } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { AmendModal } from './AmendModal.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { type Entry, isFormField, type PeriodDetail, type Stage, stageOf, usePeriod } from './grading-api.ts';
import { GRADE_COLORS, gradeLabel, gradeShort, periodDates, pointsText, ruleSetName, STAGE_COLORS, stageLabel } from './grading-labels.ts';
import { ProposalModal } from './ProposalModal.tsx';
import { SelfAssessmentForm } from './SelfAssessmentForm.tsx';

type View = 'members' | 'organisations' | 'decide';
/** What needs doing first (a self-assessment waiting for the cell's proposal), those with nothing yet last. */
const ORDER: readonly Stage[] = ['self_assessed', 'proposed', 'decided', 'waiting', 'excluded'];
/** The steps in the order they happen, for the filter. */
const STEPS: readonly Stage[] = ['waiting', 'self_assessed', 'proposed', 'decided'];
const PAGE = 30;

export default function PeriodPage() {
  const id = Number(useParams().id);
  const detail = usePeriod(id);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  return <PeriodView period={detail.data} />;
}

function PeriodView({ period }: { period: PeriodDetail }) {
  const t = useT();
  const { data: me } = useMe();
  // The committee of the period's unit decides; a cell's secretary proposes for their cell.
  const mayDecide = !!me?.grants.some((g) => (g.role === 'admin' || g.role === 'org_officer' || g.unitId === period.unitId) && g.role !== 'member');
  const mayPropose = can(me, 'grade');
  const [view, setView] = useState<View>('members');
  const [cell, setCell] = useState<number | null>(null);
  const [stage, setStage] = useState<Stage | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);
  const [proposing, setProposing] = useState<Entry | null>(null);
  const [amending, setAmending] = useState<Entry | null>(null);
  const [assessing, setAssessing] = useState<Entry | null>(null);

  const members = period.entries.filter((e) => e.subject === 'member');
  const organisations = period.entries.filter((e) => e.subject === 'organisation');
  const onRoll = members.filter((e) => !e.excluded);
  const excluded = members.filter((e) => e.excluded);
  const unitNames = useMemo(() => new Map(organisations.map((o) => [o.unitId, o.name])), [organisations]);
  const cells = [...new Set(members.map((e) => e.unitId))];
  const inView = (view === 'organisations' ? organisations : onRoll).filter((e) => cell === null || e.unitId === cell);
  const shown = inView.filter((e) => stage === 'all' || stageOf(e) === stage).sort((a, b) => ORDER.indexOf(stageOf(a)) - ORDER.indexOf(stageOf(b)));
  const stageCount = (s: Stage) => inView.filter((e) => stageOf(e) === s).length;
  const n = (pred: (e: Entry) => boolean) => onRoll.filter(pred).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="grading-period-page" data-period-id={period.id}>
      <div>
        <Link to={`/grading?unitId=${period.unitId}`}>{t('grading.periods.back')}</Link>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {period.name} · {period.unitName}
        </Typography.Title>
        <Typography.Text type="secondary">
          {periodDates(period)} · {ruleSetName(t, period.ruleSet.code)}
        </Typography.Text>
      </div>
      <Space wrap>
        <Link to={`/grading/results?unitId=${period.unitId}&startsOn=${period.startsOn}&endsOn=${period.endsOn}&periodId=${period.id}`}>
          <Button data-testid="period-results">{t('grading.period.results')}</Button>
        </Link>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download(`/grading/periods/${period.id}/export.xlsx`, undefined, `xep-loai-ky-${period.id}.xlsx`).catch(showError)}
          data-testid="period-export"
        >
          {t('grading.period.export')}
        </Button>
      </Space>
      <Card size="small" title={t('grading.period.progress')} data-testid="period-progress">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px' }}>
          <Figure label={t('grading.period.onRoll')} value={`${onRoll.length}/${members.length}`} testId="progress-roll" />
          <Figure label={t('grading.period.selfDone')} value={`${n((e) => e.selfAssessment !== null)}/${onRoll.length}`} testId="progress-self" />
          <Figure label={t('grading.period.proposedDone')} value={`${n((e) => e.proposal !== null)}/${onRoll.length}`} testId="progress-proposed" />
          <Figure label={t('grading.period.decidedDone')} value={`${n((e) => e.decision !== null)}/${onRoll.length}`} testId="progress-decided" />
        </div>
      </Card>
      {excluded.length > 0 && (
        <Card size="small" data-testid="period-excluded">
          {/* Closed at first: a commune has many; the count and the reasons are one tap away. */}
          <details>
            <summary style={{ padding: '10px 0', cursor: 'pointer', fontWeight: 600 }}>{t('grading.period.excluded', { count: excluded.length })}</summary>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {excluded.map((e) => (
                <li key={e.id}>
                  <strong>{e.name}</strong> ({unitNames.get(e.unitId) ?? ''}): {e.excluded!.text}
                </li>
              ))}
            </ul>
          </details>
        </Card>
      )}
      <Segmented<View>
        value={view}
        onChange={setView}
        block
        options={[
          { value: 'members', label: t('grading.period.members') },
          { value: 'organisations', label: t('grading.period.organisations') },
          ...(mayDecide ? [{ value: 'decide' as const, label: t('grading.period.decide') }] : []),
        ]}
        data-testid="period-view"
      />
      {view !== 'decide' && (
        <Select<Stage | 'all'>
          value={stage}
          onChange={(s) => {
            setStage(s);
            setLimit(PAGE);
          }}
          style={{ width: '100%', maxWidth: 480 }}
          aria-label={t('grading.period.stage')}
          options={[
            { value: 'all', label: t('grading.period.allStages', { count: inView.length }) },
            ...STEPS.map((s) => ({ value: s, label: `${stageLabel(t, s)} (${stageCount(s)})` })),
          ]}
          data-testid="period-stage"
        />
      )}
      {view !== 'decide' && cells.length > 1 && (
        <Select<number | null>
          value={cell}
          onChange={(c) => {
            setCell(c);
            setLimit(PAGE);
          }}
          style={{ width: '100%', maxWidth: 480 }}
          aria-label={t('grading.period.cell')}
          options={[{ value: null, label: t('grading.period.allCells') }, ...cells.map((c) => ({ value: c, label: unitNames.get(c) ?? String(c) }))]}
          data-testid="period-cell"
        />
      )}
      {view === 'decide' ? (
        <DecisionPanel period={period} onAmend={setAmending} />
      ) : shown.length === 0 ? (
        <Empty />
      ) : (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(340px, 100%), 1fr))', gap: 8, alignItems: 'start' }}
          data-testid="period-entries"
        >
          {shown.slice(0, limit).map((e) => (
            <EntryCard
              key={e.id}
              entry={e}
              unitName={e.subject === 'member' ? unitNames.get(e.unitId) : undefined}
              onPropose={mayPropose && !e.decision ? () => setProposing(e) : undefined}
              onSelfAssess={mayPropose && !e.decision && e.subject === 'organisation' ? () => setAssessing(e) : undefined}
            />
          ))}
          {shown.length > limit && (
            <Button block onClick={() => setLimit(limit + PAGE)} style={{ gridColumn: '1 / -1' }} data-testid="period-more">
              {t('grading.period.more', { count: shown.length - limit })}
            </Button>
          )}
        </div>
      )}
      {proposing && <ProposalModal period={period} entry={proposing} onClose={() => setProposing(null)} />}
      {amending && <AmendModal entry={amending} onClose={() => setAmending(null)} />}
      {/* A cell's committee assesses its own cell (form 2C); the server refuses another cell's. */}
      <Modal
        open={assessing !== null}
        onCancel={() => setAssessing(null)}
        footer={null}
        destroyOnHidden
        width={640}
        title={assessing ? t('grading.period.orgSelfTitle', { name: assessing.name }) : ''}
      >
        {assessing && <SelfAssessmentForm period={period} entry={assessing} onDone={() => setAssessing(null)} onCancel={() => setAssessing(null)} />}
      </Modal>
    </Space>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <div style={{ fontSize: 22, fontWeight: 600 }} data-testid={testId}>
        {value}
      </div>
      <Typography.Text type="secondary">{label}</Typography.Text>
    </div>
  );
}

function EntryCard({ entry: e, unitName, onPropose, onSelfAssess }: { entry: Entry; unitName?: string; onPropose?: () => void; onSelfAssess?: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const stage = stageOf(e);
  return (
    <Card size="small" data-testid="period-entry" data-entry-id={e.id} data-stage={stage}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
        <div>
          <div style={{ fontWeight: 600 }}>{e.name}</div>
          {unitName && <Typography.Text type="secondary">{unitName}</Typography.Text>}
        </div>
        <Tag color={STAGE_COLORS[stage]} style={{ alignSelf: 'flex-start' }}>
          {stageLabel(t, stage)}
        </Tag>
      </div>
      {/* Nothing written yet: one line, so a cell of forty reads at a glance. */}
      {(e.selfAssessment || e.proposal || e.grade) && (
        <dl style={{ margin: '8px 0 0' }}>
          <dt style={{ fontWeight: 600 }}>{t('grading.period.self')}</dt>
          <dd style={{ margin: '0 0 6px' }} data-testid="entry-self">
            {e.selfAssessment ? (
              <>
                {t('grading.points', { points: pointsText(e.selfAssessment.points, lang) })} ·{' '}
                <Tag color={GRADE_COLORS[e.selfAssessment.grade]}>{gradeShort(t, e.selfAssessment.grade)}</Tag>
                {e.selfAssessment.step && <Typography.Text type="secondary">{showDateTime(e.selfAssessment.step.at)}</Typography.Text>}
                {e.selfAssessment.forms &&
                  Object.entries(e.selfAssessment.forms.fields).map(([k, text]) => (
                    <div key={k} style={{ whiteSpace: 'pre-wrap' }}>
                      <Typography.Text type="secondary">{fieldLabel(t, k)}: </Typography.Text>
                      {text}
                    </div>
                  ))}
              </>
            ) : (
              <Typography.Text type="secondary">{t('grading.period.notYet')}</Typography.Text>
            )}
          </dd>
          <dt style={{ fontWeight: 600 }}>{t('grading.period.proposal')}</dt>
          <dd style={{ margin: '0 0 6px' }} data-testid="entry-proposal">
            {e.proposal ? (
              <>
                {t('grading.points', { points: pointsText(e.proposal.points, lang) })} ·{' '}
                <Tag color={GRADE_COLORS[e.proposal.grade]} data-testid="entry-proposed-grade" data-grade={e.proposal.grade}>
                  {gradeLabel(t, e.proposal.grade)}
                </Tag>
                {e.proposal.note && <div>{e.proposal.note}</div>}
                {e.proposal.cappedBy.length > 0 && (
                  <Alert
                    type="warning"
                    icon={<WarningOutlined />}
                    showIcon
                    style={{ marginTop: 6 }}
                    data-testid="entry-capped"
                    title={t('grading.period.capped', { grade: gradeShort(t, e.proposal.rulesGrade) })}
                    description={
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {e.proposal.cappedBy.map((r) => (
                          <li key={r.key}>{r.text}</li>
                        ))}
                      </ul>
                    }
                  />
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('grading.period.notYet')}</Typography.Text>
            )}
          </dd>
          {e.grade && (
            <>
              <dt style={{ fontWeight: 600 }}>{t('grading.period.decision')}</dt>
              <dd style={{ margin: 0 }} data-testid="entry-decision">
                <Tag color={GRADE_COLORS[e.grade]}>{gradeLabel(t, e.grade)}</Tag>
                {e.decision?.decisionNumber && t('common.decisionShort', { number: e.decision.decisionNumber })}
                {e.amendments.map((a) => (
                  <div key={a.at}>
                    <Typography.Text type="secondary">
                      {t('grading.period.amendedLine', { from: gradeShort(t, a.fromGrade), to: gradeShort(t, a.toGrade), reason: a.reason })}
                    </Typography.Text>
                  </div>
                ))}
              </dd>
            </>
          )}
        </dl>
      )}
      {onSelfAssess && (
        <Button onClick={onSelfAssess} style={{ marginTop: 8, marginRight: 8 }} data-testid="entry-org-self">
          {t('grading.period.orgSelf')}
        </Button>
      )}
      {onPropose && (
        <Button onClick={onPropose} style={{ marginTop: 8 }} type={stage === 'self_assessed' ? 'primary' : 'default'} data-testid="entry-propose">
          {e.proposal ? t('grading.period.reviseProposal') : t('grading.period.propose')}
        </Button>
      )}
    </Card>
  );
}

const fieldLabel = (t: ReturnType<typeof useT>, key: string) => (isFormField(key) ? t(`grading.formField.${key}`) : key);
