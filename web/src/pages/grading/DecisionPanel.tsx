// The competent committee's decision (issue 9 item 5): the proposed grades, decided in bulk
// with the decision's number and date; a grade may be changed before deciding. When the
// quota refuses (HTXSNV over 20% of HTTNV in a group), the server's message with its numbers
// stays on screen as a warning and the grades can be adjusted and sent again. Decided
// grades are locked: only an amendment changes them.

import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { errorText, showSuccess } from '../../lib/notify.ts';
import { type Entry, GRADES, type Grade, type PeriodDetail, useDecide } from './grading-api.ts';
import { GRADE_COLORS, gradeLabel, gradeShort, pointsText } from './grading-labels.ts';

export function DecisionPanel({ period, onAmend }: { period: PeriodDetail; onAmend: (e: Entry) => void }) {
  const t = useT();
  const [lang] = useLang();
  const confirm = useConfirm();
  const ids = useId();
  const decide = useDecide();
  // The period's own organisation is decided by the level above, not here.
  const decidable = period.entries.filter((e) => !e.excluded && !(e.subject === 'organisation' && e.unitId === period.unitId));
  const pending = decidable.filter((e) => e.proposal && !e.decision);
  const decided = decidable.filter((e) => e.decision);
  const waiting = decidable.filter((e) => !e.proposal);
  const [unselected, setUnselected] = useState<Set<number>>(new Set());
  const [grades, setGrades] = useState<Record<number, Grade>>({});
  const [fourGood, setFourGood] = useState<Record<number, boolean>>({});
  const [decidedOn, setDecidedOn] = useState<string | null>(todayIso());
  const [number, setNumber] = useState('');
  const [refusal, setRefusal] = useState<{ quota: boolean; text: string } | null>(null);
  const chosen = pending.filter((e) => !unselected.has(e.id));
  // A decision is taken within the period or after it (a December review of the year), never dated in the future.
  const badDate =
    decidedOn === null
      ? null
      : decidedOn > todayIso()
        ? t('grading.decide.afterToday', { date: showDate(todayIso()) })
        : decidedOn < period.startsOn
          ? t('grading.decide.beforeStart', { date: showDate(period.startsOn) })
          : null;
  const gradeOf = (e: Entry): Grade => grades[e.id] ?? e.proposal!.grade;
  const count = (g: Grade) => chosen.filter((e) => gradeOf(e) === g).length + decided.filter((e) => e.grade === g).length;

  function send() {
    if (!decidedOn || chosen.length === 0) return;
    confirm({
      title: t('grading.decide.confirmTitle'),
      content: t('grading.decide.confirm', { count: chosen.length, number: number.trim() || '—', date: showDate(decidedOn) }),
      okText: t('grading.decide.submit', { count: chosen.length }),
      onOk: async () => {
        try {
          await decide.run({
            periodId: period.id,
            body: {
              decisions: chosen.map((e) => ({
                entryId: e.id,
                grade: gradeOf(e),
                ...(e.subject === 'organisation' ? { fourGood: fourGood[e.id] ?? false } : {}),
              })),
              decidedOn,
              decisionNumber: number.trim() || undefined,
            },
          });
          setRefusal(null);
          setGrades({});
          showSuccess(t('grading.decide.done', { count: chosen.length }));
        } catch (error) {
          const quota = error instanceof ApiError && error.problem.code === 'grading.quota_exceeded';
          const fields = error instanceof ApiError ? (error.problem.errors ?? []).map((f) => f.message).filter((m) => m !== error.problem.title) : [];
          setRefusal({ quota, text: [errorText(error), ...fields].join(' ') });
          throw error;
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="decision-panel">
      <Typography.Text data-testid="decision-counts">
        {t(pending.length ? 'grading.decide.counts' : 'grading.decide.countsDecided', {
          top: count('htxsnv'),
          good: count('httnv'),
          done: count('htnv'),
          not: count('khtnv'),
        })}
      </Typography.Text>
      {waiting.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('grading.decide.waiting', {
            members: waiting.filter((e) => e.subject === 'member').length,
            organisations: waiting.filter((e) => e.subject === 'organisation').length,
          })}
        />
      )}
      {pending.length === 0 ? (
        <Alert type="success" showIcon title={t('grading.decide.nothing')} data-testid="decision-nothing" />
      ) : (
        <>
          <Checkbox
            checked={unselected.size === 0}
            indeterminate={unselected.size > 0 && unselected.size < pending.length}
            onChange={(ev) => setUnselected(ev.target.checked ? new Set() : new Set(pending.map((e) => e.id)))}
            data-testid="decision-all"
          >
            {t('grading.decide.all', { count: pending.length })}
          </Checkbox>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {pending.map((e) => (
              <li
                key={e.id}
                data-testid="decision-row"
                data-entry-id={e.id}
                style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <Checkbox
                  checked={!unselected.has(e.id)}
                  onChange={(ev) => {
                    const next = new Set(unselected);
                    if (ev.target.checked) next.delete(e.id);
                    else next.add(e.id);
                    setUnselected(next);
                  }}
                  aria-label={e.name}
                  style={{ minHeight: 44, alignItems: 'center' }}
                />
                <div style={{ flex: '1 1 180px', minWidth: 0 }}>
                  <div style={{ fontWeight: 600 }}>{e.name}</div>
                  <Typography.Text type="secondary">
                    {t('grading.decide.proposed', { points: pointsText(e.proposal!.points, lang), grade: gradeShort(t, e.proposal!.grade) })}
                  </Typography.Text>
                </div>
                <Select<Grade>
                  value={gradeOf(e)}
                  onChange={(g) => setGrades({ ...grades, [e.id]: g })}
                  options={GRADES.map((g) => ({ value: g, label: gradeShort(t, g), title: gradeLabel(t, g) }))}
                  style={{ width: 130 }}
                  aria-label={t('grading.decide.gradeOf', { name: e.name })}
                  data-testid="decision-grade"
                />
                {e.subject === 'organisation' && (
                  <Checkbox
                    checked={fourGood[e.id] ?? false}
                    onChange={(ev) => setFourGood({ ...fourGood, [e.id]: ev.target.checked })}
                    data-testid="decision-four-good"
                  >
                    {t('grading.decide.fourGood')}
                  </Checkbox>
                )}
              </li>
            ))}
          </ul>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <label htmlFor={`${ids}-date`}>{t('grading.decide.decidedOn')}</label>
              <DateInput
                id={`${ids}-date`}
                value={decidedOn}
                onChange={setDecidedOn}
                testId="decision-date"
                allowClear={false}
                aria-label={t('grading.decide.decidedOn')}
              />
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <label htmlFor={`${ids}-number`}>{t('common.decisionNumber')}</label>
              <Input
                id={`${ids}-number`}
                value={number}
                onChange={(ev) => setNumber(ev.target.value)}
                maxLength={100}
                placeholder={t('common.decisionPlaceholder')}
                data-testid="decision-number"
              />
            </div>
          </div>
          {badDate && <Alert type="error" showIcon title={badDate} />}
          {refusal && (
            <Alert
              type={refusal.quota ? 'warning' : 'error'}
              showIcon
              data-testid={refusal.quota ? 'quota-warning' : 'decision-error'}
              title={refusal.quota ? t('grading.decide.quotaTitle') : t('grading.decide.refused')}
              description={
                <>
                  <div data-testid="decision-refusal-text" style={{ fontWeight: 600 }}>
                    {refusal.text}
                  </div>
                  {refusal.quota && <div>{t('grading.decide.quotaHint')}</div>}
                </>
              }
            />
          )}
          <Button
            type="primary"
            size="large"
            disabled={!decidedOn || chosen.length === 0 || badDate !== null}
            loading={decide.busy}
            onClick={send}
            data-testid="decision-submit"
          >
            {t('grading.decide.submit', { count: chosen.length })}
          </Button>
        </>
      )}
      {decided.length > 0 && (
        <section>
          <Typography.Title level={5}>
            <LockOutlined /> {t('grading.decide.decided', { count: decided.length })}
          </Typography.Title>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="decided-list">
            {decided.map((e) => (
              <li
                key={e.id}
                data-testid="decided-row"
                style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <span style={{ flex: '1 1 180px' }}>{e.name}</span>
                <Tag color={GRADE_COLORS[e.grade!]}>{gradeShort(t, e.grade!)}</Tag>
                {e.amendments.length > 0 && <Tag>{t('grading.decide.amended')}</Tag>}
                <Button onClick={() => onAmend(e)} data-testid="amend-open">
                  {t('grading.amend.button')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Space>
  );
}
