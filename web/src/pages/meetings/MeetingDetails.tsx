// The plan of a meeting as its page shows it: focal issues, agenda, the committee's
// pre-meeting, guests and documents (with the secretary's controls for each). A cell
// meeting shows its committee pre-meeting's record in place (HD 12: the committee meets
// first and prepares the content and the draft resolution), so the secretary records it
// from the meeting's own page.

import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Form, Input, List, Row, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, apiUrl } from '../../api/client.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { useConfirm } from '../../components/confirm.ts';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { vnDateTime } from './meeting-labels.ts';
import { type Meeting, meetingKeys, PREPARED_KINDS, useMeeting } from './meetings-api.ts';
import { NoticeStatusCard } from './NoticeStatusCard.tsx';
import { PapersCard } from './PapersCard.tsx';
import { PreparationCard } from './PreparationCard.tsx';

export function MeetingDetails({ meeting: m }: { meeting: Meeting }) {
  const t = useT();
  const navigate = useNavigate();
  const editable = m.canManage && m.status === 'planned';
  const isCommittee = m.kind === 'committee' || m.kind === 'grassroots_committee';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {m.focalIssues.length > 0 && (
            <Card size="small" title={t('meetings.fields.focalIssues')}>
              <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="meeting-focal">
                {m.focalIssues.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ol>
            </Card>
          )}
          <Card size="small" title={t('meetings.fields.agenda')}>
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="meeting-agenda">
              {m.agenda.map((a, i) => (
                <li key={i} data-testid="meeting-agenda-item">
                  {a.title}
                  {a.note && (
                    <div>
                      <Typography.Text type="secondary">{a.note}</Typography.Text>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {PREPARED_KINDS.includes(m.kind) && (
            <Card
              size="small"
              title={t('meetings.prep.title')}
              extra={
                editable && m.preMeetingIds.length === 0 ? (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => navigate(`/meetings/new?unitId=${m.unitId}&kind=committee&prepares=${m.id}`)}
                    data-testid="meeting-plan-pre"
                  >
                    {t('meetings.checklist.planPre')}
                  </Button>
                ) : undefined
              }
            >
              {m.preMeetingIds.length === 0 ? (
                <Typography.Text type="secondary" data-testid="meeting-no-pre">
                  {t('meetings.prep.none')}
                </Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={m.preMeetingIds}
                  renderItem={(pid) => (
                    <List.Item>
                      <Link to={`/meetings/${pid}`} data-testid="meeting-pre-link">
                        {t('meetings.prep.link')}
                      </Link>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          )}
          {isCommittee && m.preparesMeetingId && (
            <Card size="small">
              <Link to={`/meetings/${m.preparesMeetingId}`} data-testid="meeting-prepares-link">
                {t('meetings.prep.preparesLink')}
              </Link>
            </Card>
          )}
          {m.canManage && m.status === 'planned' && <NoticeStatusCard meeting={m} />}
          <PapersCard meeting={m} />
          <GuestsCard meeting={m} editable={editable} />
          <DocumentsCard meeting={m} editable={editable} />
        </Space>
      </Col>
      {isCommittee && (
        <Col xs={24}>
          <PreparationCard meeting={m} editable={editable} />
        </Col>
      )}
      {!isCommittee && m.preMeetingIds[0] !== undefined && (
        <Col xs={24}>
          <PreMeetingRecord id={m.preMeetingIds[0]} />
        </Col>
      )}
    </Row>
  );
}

interface GuestValues {
  assignedByUnitId?: number | null;
  memberId?: number | null;
  fullName?: string;
  position?: string;
}

function GuestsCard({ meeting: m, editable }: { meeting: Meeting; editable: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [guestName, setGuestName] = useState<string | null>(null);
  const refresh = (saved: Meeting) => {
    queryClient.setQueryData(meetingKeys.detail(m.id), saved);
    void queryClient.invalidateQueries({ queryKey: meetingKeys.attendance(m.id) });
  };
  const add = useMutation({
    mutationFn: (v: GuestValues) =>
      api<Meeting>(`/meetings/${m.id}/guests`, {
        method: 'POST',
        body: {
          memberId: v.memberId ?? null,
          fullName: v.memberId ? undefined : v.fullName?.trim(),
          position: v.position?.trim() || null,
          assignedByUnitId: v.assignedByUnitId ?? null,
        },
      }),
    onSuccess: (saved) => {
      refresh(saved);
      showSuccess(t('common.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: (guestId: number) => api<Meeting>(`/meetings/${m.id}/guests/${guestId}`, { method: 'DELETE' }),
    onSuccess: (saved) => {
      refresh(saved);
      showSuccess(t('common.saved'));
    },
  });
  return (
    <Card
      size="small"
      title={t('meetings.guests.title')}
      extra={
        editable ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="guest-add">
            {t('meetings.guests.add')}
          </Button>
        ) : undefined
      }
    >
      {m.guests.length === 0 ? (
        <Typography.Text type="secondary">{t('meetings.guests.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={m.guests}
          renderItem={(g) => (
            <List.Item
              data-testid="guest-row"
              extra={
                editable ? (
                  <RemoveButton
                    testId="guest-remove"
                    confirmTitle={t('meetings.guests.confirmRemove', { name: g.fullName })}
                    onRemove={() => remove.mutateAsync(g.id)}
                  />
                ) : undefined
              }
            >
              <List.Item.Meta
                title={g.fullName}
                description={
                  [
                    g.position,
                    g.assignedByUnitName ? t('meetings.guests.assignedBy', { unit: g.assignedByUnitName }) : null,
                    // "Tôi sẽ dự": the guest said they will come.
                    g.confirmedAt ? t('home.committee.attending') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || undefined
                }
              />
            </List.Item>
          )}
        />
      )}
      <ActionModal<GuestValues>
        open={adding}
        onClose={() => setAdding(false)}
        title={t('meetings.guests.add')}
        testId="guest-form"
        confirmText={(v) => t('meetings.guests.confirmAdd', { name: (v.memberId ? guestName : v.fullName) ?? '' })}
        submit={(v) => add.mutateAsync(v)}
      >
        {(form) => (
          <>
            <Form.Item name="assignedByUnitId" label={t('meetings.guests.assigningUnit')} extra={t('meetings.guests.assigningHint')}>
              <UnitSelect testId="guest-unit" onChange={() => form.setFieldValue('memberId', null)} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.assignedByUnitId !== b.assignedByUnitId || a.memberId !== b.memberId}>
              {() => {
                const unitId = form.getFieldValue('assignedByUnitId') as number | null | undefined;
                const memberId = form.getFieldValue('memberId') as number | null | undefined;
                return (
                  <>
                    {unitId && (
                      <Form.Item name="memberId" label={t('meetings.guests.member')}>
                        <MemberSelect
                          unitId={unitId}
                          testId="guest-member"
                          onChange={(v, name) => {
                            form.setFieldValue('memberId', v);
                            setGuestName(name);
                          }}
                        />
                      </Form.Item>
                    )}
                    {!memberId && (
                      <Form.Item
                        name="fullName"
                        label={t('meetings.guests.fullName')}
                        rules={[{ required: true, message: t('validation.required') }, { max: 200 }]}
                      >
                        <Input data-testid="guest-name" />
                      </Form.Item>
                    )}
                  </>
                );
              }}
            </Form.Item>
            <Form.Item name="position" label={t('meetings.guests.position')} rules={[{ max: 200 }]}>
              <Input data-testid="guest-position" />
            </Form.Item>
          </>
        )}
      </ActionModal>
    </Card>
  );
}

/** The remove button of a guest or document row: asks first, then removes. */
function RemoveButton({ testId, confirmTitle, onRemove }: { testId: string; confirmTitle: string; onRemove: () => Promise<unknown> }) {
  const t = useT();
  const confirm = useConfirm();
  return (
    <Button
      size="small"
      type="text"
      danger
      icon={<DeleteOutlined />}
      aria-label={t('common.remove')}
      data-testid={testId}
      onClick={() => confirm({ title: confirmTitle, danger: true, onOk: onRemove })}
    />
  );
}

const sizeText = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function DocumentsCard({ meeting: m, editable }: { meeting: Meeting; editable: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const remove = useMutation({
    mutationFn: (documentId: number) => api(`/meetings/${m.id}/documents/${documentId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(m.id) });
      showSuccess(t('common.saved'));
    },
  });
  async function upload(file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    setUploading(true);
    try {
      await api(`/meetings/${m.id}/documents`, { method: 'POST', form });
      await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(m.id) });
      showSuccess(t('meetings.docs.uploaded', { name: file.name }));
    } catch (error) {
      showError(error);
    } finally {
      setUploading(false);
    }
  }
  return (
    <Card
      size="small"
      title={t('meetings.docs.title')}
      extra={
        editable ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            data-testid="document-upload"
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              {t('meetings.docs.upload')}
            </Button>
          </Upload>
        ) : undefined
      }
    >
      {m.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.docs.none')} />
      ) : (
        <List
          size="small"
          dataSource={m.documents}
          renderItem={(d) => (
            <List.Item
              data-testid="document-row"
              extra={
                editable ? (
                  <RemoveButton
                    testId="document-remove"
                    confirmTitle={t('meetings.docs.confirmRemove', { name: d.fileName })}
                    onRemove={() => remove.mutateAsync(d.id)}
                  />
                ) : undefined
              }
            >
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <a href={apiUrl(`/meetings/${m.id}/documents/${d.id}`)} download={d.fileName} data-testid="document-link">
                  <DownloadOutlined /> {d.fileName}
                </a>
                <Typography.Text type="secondary">
                  {sizeText(d.sizeBytes)} · {vnDateTime(d.uploadedAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The committee pre-meeting's record (content, draft resolution, reviews), editable in place. */
function PreMeetingRecord({ id }: { id: number }) {
  const pre = useMeeting(id);
  if (!pre.data) return null;
  return <PreparationCard meeting={pre.data} editable={pre.data.canManage && pre.data.status === 'planned'} />;
}
