// The sending cell transfers a member's official membership (QĐ 4192-QĐ/BTCTW) with its
// decision: to a cell in the system, which then accepts it from its inbox (until then the
// member stays in this cell), or out of the system, to the party organisation named.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { memberKeys } from '../../api/members.ts';
import type { Member } from '../../api/types.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';

interface Values {
  where: 'inside' | 'outside';
  toUnitId?: number;
  destination?: string;
  decisionNumber: string;
  decisionOn: string;
  issuedBy: string;
  note?: string;
}

export function SendTransferDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState('');
  const send = useMutation({
    mutationFn: (v: Values) =>
      api(`/members/${member.id}/transfers`, {
        method: 'POST',
        body: {
          ...(v.where === 'inside' ? { toUnitId: v.toUnitId } : { destination: v.destination?.trim() }),
          decisionNumber: v.decisionNumber.trim(),
          decisionOn: v.decisionOn,
          issuedBy: v.issuedBy.trim(),
          note: v.note?.trim() || undefined,
        },
      }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: memberKeys.detail(member.id) }), queryClient.invalidateQueries({ queryKey: ['life'] })]);
      showSuccess(t('common.saved'));
    },
  });
  const required = { required: true, message: t('validation.required') };
  return (
    <ActionModal<Values>
      open={open}
      onClose={onClose}
      title={t('life.send.title', { name: member.fullName })}
      testId="transfer-send-form"
      initialValues={{ where: 'inside', decisionOn: todayIso() }}
      confirmText={(v) =>
        t(v.where === 'inside' ? 'life.send.confirmInside' : 'life.send.confirmOutside', {
          name: member.fullName,
          to: v.where === 'inside' ? target : (v.destination ?? ''),
          number: v.decisionNumber,
          date: showDate(v.decisionOn),
        })
      }
      submit={(v) => send.mutateAsync(v)}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('life.send.help', { unit: member.unitName })}</Typography.Paragraph>
          <Form.Item name="where" label={t('life.send.where')}>
            <Radio.Group optionType="button">
              <Radio.Button value="inside" style={{ minHeight: 44, lineHeight: '42px' }}>
                {t('life.send.inside')}
              </Radio.Button>
              <Radio.Button value="outside" style={{ minHeight: 44, lineHeight: '42px' }}>
                {t('life.send.outside')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.where !== b.where}>
            {() =>
              form.getFieldValue('where') === 'outside' ? (
                <Form.Item name="destination" label={t('life.send.destination')} rules={[required, { max: 300 }]}>
                  <Input data-testid="transfer-destination" placeholder={t('life.send.destinationPlaceholder')} />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="toUnitId" label={t('life.send.toUnit')} rules={[required]}>
                    <UnitSelect testId="transfer-to-unit" excludeIds={[member.unitId]} onPick={(_, name) => setTarget(name)} />
                  </Form.Item>
                  <CellByCode
                    onFound={(cell) => {
                      form.setFieldValue('toUnitId', cell.id);
                      setTarget(cell.name);
                    }}
                  />
                </>
              )
            }
          </Form.Item>
          <Form.Item name="decisionNumber" label={t('common.decisionNumber')} rules={[required, { max: 100 }]}>
            <Input data-testid="transfer-decision-number" placeholder={t('common.decisionPlaceholder')} />
          </Form.Item>
          <DateItem name="decisionOn" label={t('life.decisionOn')} rules={[required]} testId="transfer-decision-on" notFuture />
          <Form.Item name="issuedBy" label={t('life.issuedBy')} rules={[required, { max: 200 }]}>
            <Input data-testid="transfer-issued-by" placeholder={t('life.issuedByPlaceholder')} />
          </Form.Item>
          <Form.Item name="note" label={t('common.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}

interface Destination {
  id: number;
  code: string;
  name: string;
  parentName: string | null;
}

/** A cell outside the sender's units (another commune): found by the exact code its receiver gives. */
function CellByCode({ onFound }: { onFound: (cell: Destination) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Destination | null>(null);
  const [error, setError] = useState('');
  const [looking, setLooking] = useState(false);
  // A lookup, not a change: its "not found" shows beside the field only (no error toast).
  const look = async () => {
    setLooking(true);
    try {
      const cell = await api<Destination>(`/transfers/destination?code=${encodeURIComponent(code.trim())}`);
      setFound(cell);
      setError('');
      onFound(cell);
    } catch (e) {
      setFound(null);
      setError(e instanceof ApiError ? e.problem.title : String(e));
    } finally {
      setLooking(false);
    }
  };
  return (
    <Form.Item
      label={t('life.send.byCode')}
      help={error || (found ? t('life.send.byCodeFound', { name: found.name, parent: found.parentName ?? '' }) : t('life.send.byCodeHelp'))}
      validateStatus={error ? 'error' : undefined}
    >
      <div style={{ display: 'flex', gap: 8 }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={50}
          data-testid="transfer-to-code"
          onPressEnter={(e) => {
            e.preventDefault();
            if (code.trim()) void look();
          }}
        />
        <Button onClick={() => void look()} disabled={!code.trim()} loading={looking} style={{ minHeight: 44 }} data-testid="transfer-to-code-find">
          {t('life.send.byCodeFind')}
        </Button>
      </div>
    </Form.Item>
  );
}
