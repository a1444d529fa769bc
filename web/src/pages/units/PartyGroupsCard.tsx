// "Tổ đảng" on a cell's page: the cell's party groups today with their members, and for
// who may organise them (the cell's secretary, the commune's officers) adding, renaming
// and closing a group and choosing its members, each from a date. On a past date (the
// page's ?at=) the groups as they were that day, read only: the changes act on today's. Built for a phone: one
// list, big tap targets, members chosen from a vertical list of check boxes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';

interface Person {
  memberId: number;
  fullName: string;
}
interface Group {
  id: number;
  name: string;
  establishedOn: string;
  members: (Person & { since: string })[];
}
interface Groups {
  cellId: number;
  on: string;
  canManage: boolean;
  groups: Group[];
  unassigned: Person[];
}
type Dialog = { kind: 'create' } | { kind: 'rename' | 'close' | 'members'; group: Group } | null;
interface NameValues {
  name: string;
  effectiveOn: string;
}
interface MemberValues {
  memberIds: number[];
  effectiveOn: string;
}

const TAP = { minHeight: 44 };

export function PartyGroupsCard({ cellId, at }: { cellId: number; at?: string | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['units', 'party-groups', cellId, at ?? null];
  const groups = useQuery({ queryKey: key, queryFn: () => api<Groups>(`/units/${cellId}/party-groups${at ? `?on=${encodeURIComponent(at)}` : ''}`) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const send = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'PUT'; body: unknown }) => api<Groups>(path, { method, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      showSuccess(t('common.saved'));
    },
  });
  const close = () => setDialog(null);
  const today = todayIso();
  if (!groups.data) return null;
  // A past day's groups are shown, not changed: every change starts from today's groups.
  const canManage = groups.data.canManage && !at;
  const everyone = [...groups.data.groups.flatMap((g) => g.members), ...groups.data.unassigned].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));

  return (
    <Card
      title={t('partyGroups.title')}
      size="small"
      data-testid="party-groups"
      extra={
        canManage ? (
          <Button style={TAP} onClick={() => setDialog({ kind: 'create' })} data-testid="party-group-add">
            {t('partyGroups.add')}
          </Button>
        ) : undefined
      }
    >
      {at && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="party-groups-as-of">
          {t('partyGroups.asOf', { date: showDate(at) })}
        </Typography.Paragraph>
      )}
      {groups.data.groups.length === 0 ? (
        <Empty description={at ? t('partyGroups.emptyOn') : t('partyGroups.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={groups.data.groups}
          renderItem={(g) => (
            <List.Item data-testid="party-group-row">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {g.name} · {t('partyGroups.count', { count: g.members.length })}
                </Typography.Text>
                <div>
                  {g.members.map((m) => (
                    <Tag key={m.memberId} style={{ fontSize: 16, padding: '4px 8px', marginBottom: 4 }}>
                      {m.fullName}
                    </Tag>
                  ))}
                </div>
                {canManage && (
                  <Space wrap>
                    <Button style={TAP} type="primary" onClick={() => setDialog({ kind: 'members', group: g })} data-testid="party-group-members">
                      {t('partyGroups.chooseMembers')}
                    </Button>
                    <Button style={TAP} onClick={() => setDialog({ kind: 'rename', group: g })}>
                      {t('partyGroups.rename')}
                    </Button>
                    {/* Not red: red is for errors and absences; the confirmation says what closing does. */}
                    <Button style={TAP} onClick={() => setDialog({ kind: 'close', group: g })}>
                      {t('partyGroups.close')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {/* With no group at all, "not in a group" would just list everyone. */}
      {groups.data.groups.length > 0 && groups.data.unassigned.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="party-groups-unassigned">
          {t('partyGroups.unassigned', { names: groups.data.unassigned.map((m) => m.fullName).join(', ') })}
        </Typography.Paragraph>
      )}

      <ActionModal<NameValues>
        open={dialog?.kind === 'create' || dialog?.kind === 'rename'}
        onClose={close}
        title={dialog?.kind === 'rename' ? t('partyGroups.rename') : t('partyGroups.add')}
        testId="party-group-form"
        initialValues={{ name: dialog?.kind === 'rename' ? dialog.group.name : '', effectiveOn: today }}
        confirmText={(v) => t('partyGroups.confirmName', { name: v.name, date: showDate(v.effectiveOn) })}
        submit={(v) =>
          dialog?.kind === 'rename'
            ? send.mutateAsync({ path: `/party-groups/${dialog.group.id}/rename`, method: 'POST', body: v })
            : send.mutateAsync({ path: `/units/${cellId}/party-groups`, method: 'POST', body: v })
        }
      >
        <Form.Item name="name" label={t('partyGroups.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input data-testid="party-group-name" placeholder={t('partyGroups.namePlaceholder')} />
        </Form.Item>
        <DateItem
          name="effectiveOn"
          label={t('partyGroups.effectiveOn')}
          rules={[{ required: true, message: t('validation.required') }]}
          notFuture
          allowClear={false}
          testId="party-group-date"
        />
      </ActionModal>

      <ActionModal<{ effectiveOn: string }>
        open={dialog?.kind === 'close'}
        onClose={close}
        danger
        title={t('partyGroups.close')}
        testId="party-group-close-form"
        initialValues={{ effectiveOn: today }}
        confirmText={(v) => t('partyGroups.confirmClose', { name: dialog?.kind === 'close' ? dialog.group.name : '', date: showDate(v.effectiveOn) })}
        submit={(v) => send.mutateAsync({ path: `/party-groups/${dialog?.kind === 'close' ? dialog.group.id : 0}/close`, method: 'POST', body: v })}
      >
        <DateItem
          name="effectiveOn"
          label={t('partyGroups.effectiveOn')}
          rules={[{ required: true, message: t('validation.required') }]}
          notFuture
          allowClear={false}
        />
      </ActionModal>

      {dialog?.kind === 'members' && (
        <ActionModal<MemberValues>
          open
          onClose={close}
          title={t('partyGroups.membersOf', { name: dialog.group.name })}
          testId="party-group-members-form"
          initialValues={{ memberIds: dialog.group.members.map((m) => m.memberId), effectiveOn: today }}
          confirmText={(v) => t('partyGroups.confirmMembers', { name: dialog.group.name, count: v.memberIds.length, date: showDate(v.effectiveOn) })}
          submit={(v) => send.mutateAsync({ path: `/party-groups/${dialog.group.id}/members`, method: 'PUT', body: v })}
        >
          <Form.Item name="memberIds" label={t('partyGroups.members')} extra={t('partyGroups.membersHint')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column' }}>
              {everyone.map((m) => (
                // The whole line is the tap target (the label takes the row's full height and width).
                <div key={m.memberId} data-testid="party-group-member-option">
                  <Checkbox value={m.memberId} style={{ ...TAP, width: '100%', alignItems: 'center', fontSize: 16 }}>
                    {m.fullName}
                  </Checkbox>
                </div>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <DateItem
            name="effectiveOn"
            label={t('partyGroups.effectiveOn')}
            rules={[{ required: true, message: t('validation.required') }]}
            notFuture
            allowClear={false}
          />
        </ActionModal>
      )}
    </Card>
  );
}
