// One member: the personal record, cell, status and attribute history, the changes that need a
// decision (status, transfer), and for auditors the trail of who read and changed it.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { memberKeys, useMember, useMemberHistory } from '../../api/members.ts';
import { type AuditPage, MEMBER_STATUSES, type Member, type MemberStatus } from '../../api/types.ts';
import { useMe, usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { AuditList } from '../../components/audit/AuditList.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { DecisionFields } from '../../components/DecisionFields.tsx';
import { sexLabel, statusLabel, theoryLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { hasKey, type Translate, useT } from '../../i18n/i18n.ts';
import { showDate, showMonth, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { MyDuesCard } from '../dues/MyDuesCard.tsx';
import { SendTransferDialog } from '../life/SendTransferDialog.tsx';
import { MyMeetingsCard } from '../meetings/MyMeetingsList.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ResidenceCard } from '../villages/ResidenceCard.tsx';
import { AttributeHistory } from './AttributeHistory.tsx';

export default function MemberPage() {
  const t = useT();
  const id = Number(useParams().id);
  const may = usePermission();
  const navigate = useNavigate();
  const phone = usePhone();
  const member = useMember(id);
  const { data: me } = useMe();
  const [dialog, setDialog] = useState<'status' | 'transfer' | 'send' | null>(null);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (member.isPending) return <PageLoading />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  const m = member.data;
  const canEdit = m.canEdit;

  const tabs = [
    { key: 'record', label: t('members.tabs.record'), children: <PersonalRecord member={m} /> },
    { key: 'history', label: t('members.tabs.history'), children: <History member={m} /> },
    ...(may('read_audit')
      ? [{ key: 'audit', label: <span data-testid="member-audit-tab">{t('members.tabs.audit')}</span>, children: <AuditTrail id={m.id} /> }]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="member-page">
      <Breadcrumb items={[{ title: <Link to="/members">{t('members.title')}</Link> }, { title: m.fullName }]} />
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
              {m.fullName}
            </Typography.Title>
            <Space wrap style={{ marginTop: 4 }}>
              <StatusTag status={m.status} fullMemberOn={m.fullMemberOn} />
              <Link to={`/units/${m.unitId}`} data-testid="member-unit">
                {m.unitName}
              </Link>
            </Space>
          </div>
          {canEdit && (
            <Space wrap>
              <Button type="primary" onClick={() => navigate(`/members/${m.id}/edit`)} data-testid="member-edit">
                {t('members.edit')}
              </Button>
              <Button onClick={() => setDialog('status')} data-testid="member-status-change">
                {t('members.changeStatus')}
              </Button>
              <Button onClick={() => setDialog('transfer')} data-testid="member-transfer">
                {t('members.transferButton')}
              </Button>
              <Button onClick={() => setDialog('send')} style={{ whiteSpace: 'normal', height: 'auto', minHeight: 44 }} data-testid="member-transfer-send">
                {t('life.send.buttonLong')}
              </Button>
            </Space>
          )}
        </div>
      </Card>
      {m.strikeOffWarning && (
        <Alert
          type="warning"
          showIcon
          data-testid="member-strike-off"
          title={t('members.strikeOffWarning', {
            n: m.strikeOffWarning.months.length,
            months: m.strikeOffWarning.months.map(showMonth).join(', '),
            dates: m.strikeOffWarning.dates.map((d) => showDate(d)).join(', '),
          })}
        />
      )}
      <MyMeetingsCard memberId={m.id} />
      {/* One's own dues, read only ("Hồ sơ của tôi"): the API answers a member about themself. */}
      {me?.memberId === m.id && <MyDuesCard memberId={m.id} />}
      <ResidenceCard memberId={m.id} cellId={m.unitId} canEdit={canEdit} />
      <Card size="small">
        <Tabs items={tabs} size={phone ? 'small' : 'middle'} />
      </Card>
      <StatusDialog member={m} open={dialog === 'status'} onClose={() => setDialog(null)} />
      <TransferDialog member={m} open={dialog === 'transfer'} onClose={() => setDialog(null)} />
      <SendTransferDialog member={m} open={dialog === 'send'} onClose={() => setDialog(null)} />
    </Space>
  );
}

function PersonalRecord({ member: m }: { member: Member }) {
  const t = useT();
  const phone = usePhone();
  const items: [string, string | null][] = [
    [t('members.fields.sex'), sexLabel(t, m.sex)],
    [t('members.fields.dateOfBirth'), showDate(m.dateOfBirth)],
    [t('members.fields.ethnicity'), m.ethnicity],
    [t('members.fields.religion'), m.religion],
    [t('members.fields.hometown'), m.hometown],
    [t('members.fields.residence'), m.residence],
    [t('members.fields.citizenId'), m.citizenId],
    [t('members.fields.partyCardNumber'), m.partyCardNumber],
    [t('members.fields.admittedOn'), showDate(m.admittedOn)],
    [t('members.fields.fullMemberOn'), showDate(m.fullMemberOn)],
    [t('members.fields.education'), m.education],
    [t('members.fields.theoryLevel'), theoryLabel(t, m.theoryLevel)],
    [t('members.fields.occupation'), m.occupation],
    [t('members.fields.position'), m.position],
    [t('members.fields.phone'), m.phone],
  ];
  return (
    <Descriptions bordered size="small" column={phone ? 1 : 2} data-testid="member-record">
      {items.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value || '—'}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** Why a member came to a cell: the words the server writes ('create', 'transfer'…) in the reader's language; a reason typed by a person as typed. */
function placementReason(t: Translate, reason: string | null): string {
  if (!reason) return '';
  const key = `members.history.reasons.${reason}`;
  return hasKey(key) ? t(key) : reason;
}

function History({ member }: { member: Member }) {
  const t = useT();
  const history = useMemberHistory(member.id);
  if (history.isPending) return <PageLoading />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  const { placements, statuses, attributes } = history.data;
  const period = (from: string, to: string | null) => (to ? `${showDate(from)} – ${showDate(to)}` : t('common.since', { date: showDate(from) }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('members.history.placements')}</Typography.Title>
        <Table
          rowKey={(r) => `${r.unitId}-${r.validFrom}`}
          size="small"
          pagination={false}
          dataSource={placements}
          scroll={{ x: 420 }}
          onRow={() => ({ 'data-testid': 'placement-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('members.fields.unit'), key: 'unit', render: (_, r) => <Link to={`/units/${r.unitId}`}>{r.unitName}</Link> },
            { title: t('common.period'), key: 'period', render: (_, r) => period(r.validFrom, r.validTo) },
            { title: t('common.decisionNumber'), key: 'decision', render: (_, r) => r.decisionNumber ?? '' },
            { title: t('common.reason'), key: 'reason', render: (_, r) => placementReason(t, r.reason) },
          ]}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('members.history.statuses')}</Typography.Title>
        <Table
          rowKey={(r) => `${r.status}-${r.validFrom}`}
          size="small"
          pagination={false}
          dataSource={statuses}
          scroll={{ x: 420 }}
          onRow={() => ({ 'data-testid': 'status-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('members.fields.status'), key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
            { title: t('common.period'), key: 'period', render: (_, r) => period(r.validFrom, r.validTo) },
            { title: t('common.decisionNumber'), key: 'decision', render: (_, r) => decisionText(t, r) },
            { title: t('common.note'), key: 'note', render: (_, r) => r.note ?? '' },
          ]}
        />
      </Col>
      <Col xs={24} lg={12}>
        <AttributeHistory member={member} rows={attributes} />
      </Col>
    </Row>
  );
}

function AuditTrail({ id }: { id: number }) {
  const t = useT();
  const audit = useQuery({
    queryKey: ['audit', 'member', id],
    queryFn: () => api<AuditPage>('/audit', { query: { entityType: 'member', entityId: String(id) } }),
  });
  if (audit.isPending) return <PageLoading />;
  if (audit.isError) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;
  if (!audit.data.items.length) return <Empty description={t('audit.empty')} />;
  return (
    <>
      <AuditList items={audit.data.items} names={audit.data.names} showRecord={false} />
      <Link to={`/audit?entityType=member&entityId=${id}`} data-testid="member-open-trail">
        {t('audit.openTrail')}
      </Link>
    </>
  );
}

/** "45-QĐ/ĐU ngày 10/03/2026, Đảng ủy xã …": the decision of a life event as the record reads it. */
function decisionText(t: Translate, r: { decisionNumber: string | null; decisionOn?: string | null; issuedBy?: string | null }) {
  const dated = r.decisionOn ? t('life.decisionDated', { date: showDate(r.decisionOn) }) : null;
  return [[r.decisionNumber, dated].filter(Boolean).join(' '), r.issuedBy].filter(Boolean).join(', ');
}

interface StatusValues {
  status: MemberStatus;
  effectiveOn: string;
  decisionNumber: string;
  decisionOn?: string;
  issuedBy?: string;
  note?: string;
}

function StatusDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (v: StatusValues) =>
      api<Member>(`/members/${member.id}/status`, {
        method: 'POST',
        body: {
          status: v.status,
          effectiveOn: v.effectiveOn,
          decisionNumber: v.decisionNumber.trim(),
          decisionOn: v.decisionOn || undefined,
          issuedBy: v.issuedBy?.trim() || undefined,
          note: v.note?.trim() || undefined,
        },
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(memberKeys.detail(member.id), { ...member, ...updated });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['members'] }), queryClient.invalidateQueries({ queryKey: ['units'] })]);
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<StatusValues>
      open={open}
      onClose={onClose}
      title={t('members.changeStatusTitle', { name: member.fullName })}
      testId="member-status-form"
      initialValues={{ effectiveOn: todayIso() }}
      confirmText={(v) =>
        t('members.confirmStatus', {
          name: member.fullName,
          from: statusLabel(t, member.status),
          to: statusLabel(t, v.status),
          date: showDate(v.effectiveOn),
          decision: v.decisionNumber,
        })
      }
      submit={(v) => change.mutateAsync(v)}
    >
      <Form.Item name="status" label={t('members.newStatus')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          data-testid="member-new-status"
          options={MEMBER_STATUSES.filter((s) => s !== member.status).map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
      </Form.Item>
      <DecisionFields />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <DateItem name="decisionOn" label={t('life.decisionOn')} testId="member-decision-on" notFuture />
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="issuedBy" label={t('life.issuedBy')} rules={[{ max: 200 }]}>
            <Input data-testid="member-issued-by" placeholder={t('life.issuedByPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('common.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} data-testid="member-status-note" />
      </Form.Item>
    </ActionModal>
  );
}

interface TransferValues {
  unitId: number;
  effectiveOn: string;
  decisionNumber: string;
  reason?: string;
}

function TransferDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string>('');
  const transfer = useMutation({
    mutationFn: (v: TransferValues) =>
      api<Member>(`/members/${member.id}/transfer`, {
        method: 'POST',
        body: { unitId: v.unitId, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber.trim(), reason: v.reason?.trim() || undefined },
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(memberKeys.detail(member.id), { ...member, ...updated });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['members'] }), queryClient.invalidateQueries({ queryKey: ['units'] })]);
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<TransferValues>
      open={open}
      onClose={onClose}
      title={t('members.transferTitle', { name: member.fullName })}
      testId="member-transfer-form"
      initialValues={{ effectiveOn: todayIso() }}
      confirmText={(v) =>
        t('members.confirmTransfer', {
          name: member.fullName,
          from: member.unitName,
          to: target || `#${v.unitId}`,
          date: showDate(v.effectiveOn),
          decision: v.decisionNumber,
        })
      }
      submit={(v) => transfer.mutateAsync(v)}
    >
      <Typography.Paragraph type="secondary">{t('members.transferFrom', { unit: member.unitName })}</Typography.Paragraph>
      <Form.Item name="unitId" label={t('members.transferTo')} rules={[{ required: true, message: t('validation.required') }]}>
        <UnitSelect testId="member-transfer-unit" excludeIds={[member.unitId]} onPick={(_, name) => setTarget(name)} />
      </Form.Item>
      <DecisionFields />
      <Form.Item name="reason" label={t('common.reason')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} data-testid="member-transfer-reason" />
      </Form.Item>
    </ActionModal>
  );
}
