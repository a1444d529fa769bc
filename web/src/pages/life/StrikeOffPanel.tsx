// Striking off (xóa tên): the members the system finds absent without reason (or with dues
// unpaid) in 3 months within a year, with the months; the cell proposes with its resolution,
// and the level above decides — strike off, or reject — with its decision.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, showMonth, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { type Candidates, lifeKeys, type Proposal } from './life-api.ts';

type Candidate = Candidates['items'][number];

export function StrikeOffPanel({ unitId }: { unitId: number }) {
  const t = useT();
  const may = usePermission();
  const [proposing, setProposing] = useState<Candidate | null>(null);
  const [deciding, setDeciding] = useState<{ proposal: Proposal; outcome: 'struck_off' | 'rejected' } | null>(null);
  const candidates = useQuery({
    queryKey: lifeKeys.candidates(unitId),
    queryFn: () => api<Candidates>('/strike-off/candidates', { query: { unitId } }),
  });
  const proposals = useQuery({
    queryKey: lifeKeys.proposals(unitId),
    queryFn: () => api<{ items: Proposal[] }>('/strike-off-proposals', { query: { unitId } }),
  });
  const grounds = (g: { reason: 'absence' | 'dues' | 'other'; months: string[] }) =>
    t(`life.strikeOff.ground.${g.reason}`, { months: g.months.map(showMonth).join(', ') });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('life.strikeOff.found')} styles={{ body: { padding: 0 } }} data-testid="strike-off-candidates">
        <Typography.Paragraph type="secondary" style={{ margin: 12 }}>
          {t('life.strikeOff.rule')}
        </Typography.Paragraph>
        {candidates.isPending ? (
          <PageLoading />
        ) : candidates.isError ? (
          <QueryError error={candidates.error} onRetry={() => void candidates.refetch()} />
        ) : (
          <List
            dataSource={candidates.data.items}
            locale={{ emptyText: <Empty description={t('life.strikeOff.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(c) => (
              <List.Item data-testid="strike-off-candidate" style={{ padding: 12, display: 'block' }}>
                <Link to={`/members/${c.memberId}`} style={{ fontSize: 16, fontWeight: 600 }}>
                  {c.fullName}
                </Link>
                <div>{c.unitName}</div>
                {c.grounds.map((g) => (
                  <Alert key={g.reason} type="warning" style={{ marginTop: 6 }} title={grounds(g)} />
                ))}
                {c.proposalId ? (
                  <Tag style={{ marginTop: 8 }}>{t('life.strikeOff.alreadyProposed')}</Tag>
                ) : (
                  may('write_members') && (
                    <Button style={{ marginTop: 8, minHeight: 44 }} onClick={() => setProposing(c)} data-testid="strike-off-propose">
                      {t('life.strikeOff.propose')}
                    </Button>
                  )
                )}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('life.strikeOff.proposals')} styles={{ body: { padding: 0 } }}>
        {proposals.isPending ? (
          <PageLoading />
        ) : proposals.isError ? (
          <QueryError error={proposals.error} onRetry={() => void proposals.refetch()} />
        ) : (
          <List
            dataSource={proposals.data.items}
            locale={{ emptyText: <Empty description={t('life.strikeOff.noProposals')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(p) => (
              <List.Item data-testid="strike-off-proposal" style={{ padding: 12, display: 'block' }}>
                <div style={{ fontSize: 16, fontWeight: 600 }}>
                  {p.fullName} <Tag>{t(`life.strikeOff.status.${p.status}`)}</Tag>
                </div>
                <div>{p.unitName}</div>
                <div>{p.reason === 'other' ? (p.note ?? '') : grounds({ reason: p.reason, months: p.months })}</div>
                <Typography.Text type="secondary">
                  {t('life.strikeOff.proposedBy', { number: p.resolutionNumber, date: showDate(p.proposedOn) })}
                </Typography.Text>
                {p.decisionNumber && (
                  <div>
                    {t('life.strikeOff.decidedBy', { number: p.decisionNumber, date: p.decisionOn ? showDate(p.decisionOn) : '', body: p.issuedBy ?? '' })}
                  </div>
                )}
                {p.status === 'proposed' && p.canDecide && (
                  <Space wrap style={{ marginTop: 8 }}>
                    <Button
                      danger
                      type="primary"
                      style={{ minHeight: 44 }}
                      onClick={() => setDeciding({ proposal: p, outcome: 'struck_off' })}
                      data-testid="strike-off-decide"
                    >
                      {t('life.strikeOff.strike')}
                    </Button>
                    <Button style={{ minHeight: 44 }} onClick={() => setDeciding({ proposal: p, outcome: 'rejected' })}>
                      {t('life.strikeOff.reject')}
                    </Button>
                  </Space>
                )}
              </List.Item>
            )}
          />
        )}
      </Card>
      <ProposeDialog candidate={proposing} onClose={() => setProposing(null)} />
      <DecideDialog unitId={unitId} deciding={deciding} onClose={() => setDeciding(null)} />
    </Space>
  );
}

interface ProposeValues {
  proposedOn: string;
  resolutionNumber: string;
  note?: string;
}

function ProposeDialog({ candidate, onClose }: { candidate: Candidate | null; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const ground = candidate?.grounds[0];
  const propose = useMutation({
    mutationFn: (v: ProposeValues) =>
      api(`/members/${candidate!.memberId}/strike-off-proposals`, {
        method: 'POST',
        body: {
          reason: ground!.reason,
          months: ground!.months,
          proposedOn: v.proposedOn,
          resolutionNumber: v.resolutionNumber.trim(),
          note: v.note?.trim() || undefined,
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['life'] });
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<ProposeValues>
      open={candidate !== null}
      onClose={onClose}
      title={t('life.strikeOff.proposeTitle', { name: candidate?.fullName ?? '' })}
      testId="strike-off-propose-form"
      initialValues={{ proposedOn: todayIso() }}
      confirmText={(v) => t('life.strikeOff.confirmPropose', { name: candidate?.fullName ?? '', number: v.resolutionNumber })}
      submit={(v) => propose.mutateAsync(v)}
    >
      {ground && (
        <Alert
          type="warning"
          title={t(`life.strikeOff.ground.${ground.reason}`, { months: ground.months.map(showMonth).join(', ') })}
          style={{ marginBottom: 12 }}
        />
      )}
      <DateItem
        name="proposedOn"
        label={t('life.strikeOff.proposedOn')}
        rules={[{ required: true, message: t('validation.required') }]}
        testId="strike-off-proposed-on"
        notFuture
      />
      <Form.Item name="resolutionNumber" label={t('life.strikeOff.resolution')} rules={[{ required: true, message: t('validation.required') }, { max: 100 }]}>
        <Input data-testid="strike-off-resolution" placeholder="12-NQ/CB" />
      </Form.Item>
      <Form.Item name="note" label={t('common.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}

interface DecideValues {
  effectiveOn: string;
  decisionNumber: string;
  decisionOn: string;
  issuedBy: string;
}

function DecideDialog({
  unitId,
  deciding,
  onClose,
}: {
  unitId: number;
  deciding: { proposal: Proposal; outcome: 'struck_off' | 'rejected' } | null;
  onClose: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: DecideValues) =>
      api(`/strike-off-proposals/${deciding!.proposal.id}/decide`, {
        method: 'POST',
        body: { outcome: deciding!.outcome, ...v, decisionNumber: v.decisionNumber.trim(), issuedBy: v.issuedBy.trim() },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: lifeKeys.proposals(unitId) });
      await queryClient.invalidateQueries({ queryKey: ['members'] });
      showSuccess(t('common.saved'));
    },
  });
  const required = { required: true, message: t('validation.required') };
  const name = deciding?.proposal.fullName ?? '';
  return (
    <ActionModal<DecideValues>
      open={deciding !== null}
      onClose={onClose}
      danger={deciding?.outcome === 'struck_off'}
      title={t(deciding?.outcome === 'rejected' ? 'life.strikeOff.rejectTitle' : 'life.strikeOff.strikeTitle', { name })}
      testId="strike-off-decide-form"
      initialValues={{ effectiveOn: todayIso(), decisionOn: todayIso() }}
      confirmText={(v) =>
        t(deciding?.outcome === 'rejected' ? 'life.strikeOff.confirmReject' : 'life.strikeOff.confirmStrike', {
          name,
          number: v.decisionNumber,
          date: showDate(v.effectiveOn),
        })
      }
      submit={(v) => decide.mutateAsync(v)}
    >
      <Form.Item name="decisionNumber" label={t('common.decisionNumber')} rules={[required, { max: 100 }]}>
        <Input placeholder="88-QĐ/ĐU" />
      </Form.Item>
      <DateItem name="decisionOn" label={t('life.decisionOn')} rules={[required]} testId="strike-off-decision-on" notFuture />
      <DateItem name="effectiveOn" label={t('common.effectiveOn')} rules={[required]} testId="strike-off-effective-on" notFuture />
      <Form.Item name="issuedBy" label={t('life.issuedBy')} rules={[required, { max: 200 }]}>
        <Input placeholder={t('life.issuedByPlaceholder')} />
      </Form.Item>
    </ActionModal>
  );
}
