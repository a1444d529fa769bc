// "Thôn/bản nơi cư trú" on a member's page: where the member lives now and since when, the
// earlier villages, and for who may edit the record a change from a date (after a
// confirmation). What makes a village white or not (bản trắng đảng viên).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { VillageSelect } from './VillageSelect.tsx';

interface Residence {
  memberId: number;
  history: { villageId: number; villageName: string; validFrom: string; validTo: string | null }[];
}
interface Values {
  villageId: number | null;
  effectiveOn: string;
}

export function ResidenceCard({ memberId, cellId, canEdit }: { memberId: number; cellId: number | null | undefined; canEdit: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['villages', 'residence', memberId];
  const residence = useQuery({ queryKey: key, queryFn: () => api<Residence>(`/members/${memberId}/residence`) });
  const [open, setOpen] = useState(false);
  const save = useMutation({
    mutationFn: (v: Values) => api<Residence>(`/members/${memberId}/residence`, { method: 'PUT', body: v }),
    onSuccess: async (data) => {
      queryClient.setQueryData(key, data);
      await queryClient.invalidateQueries({ queryKey: ['figures'] });
      showSuccess(t('common.saved'));
    },
  });
  if (!residence.data) return null;
  const [current, ...earlier] = residence.data.history;
  const now = current && current.validTo === null ? current : undefined;
  const past = now ? earlier : residence.data.history;
  return (
    <Card size="small" title={t('villages.memberField')} data-testid="member-residence">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text style={{ fontSize: 16 }} data-testid="member-residence-now">
          {now ? t('villages.livesIn', { name: now.villageName, date: showDate(now.validFrom) }) : t('villages.noVillage')}
        </Typography.Text>
        {past.length > 0 && (
          <Typography.Text type="secondary">
            {t('villages.earlier', {
              list: past.map((h) => `${h.villageName} (${showDate(h.validFrom)}–${h.validTo ? showDate(h.validTo) : ''})`).join('; '),
            })}
          </Typography.Text>
        )}
        {canEdit && (
          <Button style={{ minHeight: 44 }} onClick={() => setOpen(true)} data-testid="member-residence-change">
            {t('villages.changeResidence')}
          </Button>
        )}
      </Space>
      <ActionModal<Values>
        open={open}
        onClose={() => setOpen(false)}
        title={t('villages.changeResidence')}
        testId="member-residence-form"
        initialValues={{ villageId: now?.villageId ?? null, effectiveOn: todayIso() }}
        confirmText={() => t('villages.confirmResidence', {})}
        submit={(v) => save.mutateAsync({ villageId: v.villageId ?? null, effectiveOn: v.effectiveOn })}
      >
        <Form.Item name="villageId" label={t('villages.memberField')} extra={t('villages.memberFieldHint')}>
          <VillageSelect cellId={cellId ?? undefined} />
        </Form.Item>
        <DateItem
          name="effectiveOn"
          label={t('villages.effectiveOn')}
          rules={[{ required: true, message: t('validation.required') }]}
          notFuture
          allowClear={false}
        />
      </ActionModal>
    </Card>
  );
}
