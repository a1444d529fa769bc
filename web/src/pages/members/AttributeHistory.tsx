// A member's education, political-theory level and religion over time (figures for a past
// date count what they were then), with the correction of the day the last change took
// effect when it was recorded with the wrong day.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { memberKeys } from '../../api/members.ts';
import type { Member, MemberHistory } from '../../api/types.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { theoryLabel } from '../../components/labels.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';

type Attributes = MemberHistory['attributes'];

export function AttributeHistory({ member, rows }: { member: Member; rows: Attributes }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const current = rows.at(-1);
  const previous = rows.at(-2);
  const period = (r: Attributes[number]) =>
    `${r.validFrom ? showDate(r.validFrom) : t('members.history.sinceRecord')} – ${r.validTo ? showDate(r.validTo) : t('members.history.untilNow')}`;
  const values = (r: Attributes[number]) => [r.education, theoryLabel(t, r.theoryLevel), r.religion].filter(Boolean).join(', ');
  return (
    <>
      <Typography.Title level={5}>{t('members.history.attributes')}</Typography.Title>
      <Table
        rowKey={(r) => r.validTo ?? 'now'}
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 420 }}
        onRow={() => ({ 'data-testid': 'attribute-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('common.period'), key: 'period', render: (_, r) => period(r) },
          { title: t('members.fields.education'), key: 'education', render: (_, r) => r.education ?? '' },
          { title: t('members.fields.theoryLevel'), key: 'theory', render: (_, r) => theoryLabel(t, r.theoryLevel) },
          { title: t('members.fields.religion'), key: 'religion', dataIndex: 'religion' },
        ]}
      />
      {member.canEdit && current?.validFrom && previous && (
        <Button type="link" style={{ paddingInline: 0 }} onClick={() => setOpen(true)} data-testid="member-redate-open">
          {t('members.history.redate')}
        </Button>
      )}
      {open && current?.validFrom && previous && (
        <RedateDialog member={member} since={current.validFrom} oldValues={values(previous)} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function RedateDialog({ member, since, oldValues, onClose }: { member: Member; since: string; oldValues: string; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const redate = useMutation({
    // Today's values again with another day: the server moves the last change to that day.
    // Read afresh first: had someone changed them meanwhile, the same request would be a new change.
    mutationFn: async (v: { effectiveOn: string }) => {
      const now = (await api<MemberHistory>(`/members/${member.id}/history`)).attributes.at(-1);
      if (!now || now.validFrom !== since) {
        throw new ApiError({
          title: t('members.history.redateStale'),
          status: 409,
          code: 'stale',
          errors: [{ path: 'effectiveOn', message: t('members.history.redateStale') }],
        });
      }
      return api<Member>(`/members/${member.id}`, { method: 'PATCH', body: { religion: now.religion, effectiveOn: v.effectiveOn } });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: memberKeys.history(member.id) });
      showSuccess(t('common.saved'));
    },
  });
  return (
    <ActionModal<{ effectiveOn: string }>
      open
      onClose={onClose}
      title={t('members.history.redateTitle', { name: member.fullName })}
      testId="member-redate-form"
      initialValues={{ effectiveOn: since }}
      confirmText={(v) => t('members.history.confirmRedate', { name: member.fullName, date: showDate(v.effectiveOn), was: showDate(since) })}
      submit={(v) => redate.mutateAsync(v)}
    >
      <Typography.Paragraph type="secondary">{t('members.history.redateHint', { old: oldValues })}</Typography.Paragraph>
      <DateItem
        name="effectiveOn"
        label={t('members.form.changedOn')}
        testId="member-redate-on"
        notFuture
        rules={[
          { required: true, message: t('validation.required') },
          { validator: (_, value) => (value === since ? Promise.reject(new Error(t('members.history.redateSame'))) : Promise.resolve()) },
        ]}
      />
    </ActionModal>
  );
}
