// The forms that change a unit. Each asks for the effective date and the decision, then
// confirms, then applies; afterwards every cached tree, unit and member list is refreshed.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CELL_KINDS, canContain } from '../../../../src/domain/unit-tree.ts';
import { api } from '../../api/client.ts';
import { COMMITTEE_POSITIONS, type CommitteePosition, type CommitteeSeat, UNIT_KINDS, type UnitDetail, type UnitKind } from '../../api/types.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { DecisionFields } from '../../components/DecisionFields.tsx';
import { committeeWords, positionLabel, unitKindLabel } from '../../components/labels.ts';
import { MemberSelect } from '../../components/MemberSelect.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { showDate, todayIso } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';

type Action = 'create' | 'rename' | 'move' | 'reclassify' | 'merge' | 'split' | 'dissolve' | 'committee';

interface Decision {
  effectiveOn: string;
  decisionNumber: string;
}
interface CreateValues {
  code: string;
  name: string;
  kind: UnitKind;
  establishedOn: string;
  decisionNumber?: string;
}
interface RenameValues extends Decision {
  name: string;
}
interface MoveValues extends Decision {
  parentId: number;
}
interface ReclassifyValues extends Decision {
  kind: UnitKind;
  decisionDate?: string;
  note?: string;
}
interface MergeValues extends Decision {
  otherSourceIds?: number[];
  targetMode: 'existing' | 'new';
  targetUnitId?: number;
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: number;
}
interface SplitPart {
  code: string;
  name: string;
  kind: UnitKind;
  memberIds?: number[];
  childUnitIds?: number[];
}
interface SplitValues extends Decision {
  parts: SplitPart[];
}
interface CommitteeValues {
  memberId?: number | null;
  fullName: string;
  position: CommitteePosition;
  validFrom: string;
  decisionNumber?: string;
}

const required = (t: Translate) => [{ required: true, message: t('validation.required') }];
const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['units'] }), queryClient.invalidateQueries({ queryKey: ['members'] })]);
}

function KindSelect({
  testId,
  kinds = UNIT_KINDS,
  ...rest
}: {
  testId?: string;
  kinds?: readonly UnitKind[];
  value?: UnitKind;
  onChange?: (v: UnitKind) => void;
  id?: string;
}) {
  const t = useT();
  return <Select {...rest} data-testid={testId} options={kinds.map((k) => ({ value: k, label: unitKindLabel(t, k) }))} />;
}

/** The kinds a unit may change to: ones its parent may hold, and that may hold its children (the server checks again, on the date). */
function reclassifyKinds(detail: UnitDetail): UnitKind[] {
  return UNIT_KINDS.filter(
    (k) => k !== detail.unit.kind && (detail.parentKind === null || canContain(detail.parentKind, k)) && detail.children.every((c) => canContain(k, c.kind)),
  );
}

/** The buttons (and their dialogs) for one unit; `only="committee"` shows just the committee one. */
export function UnitActions({ detail, only }: { detail: UnitDetail; only?: 'committee' }) {
  const t = useT();
  const navigate = useNavigate();
  const refresh = useRefreshAfterChange();
  const [open, setOpen] = useState<Action | null>(null);
  const phone = usePhone();
  const u = detail.unit;
  const close = () => setOpen(null);
  const today = todayIso();
  const parentName = detail.ancestors[detail.ancestors.length - 1]?.name;

  const post = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api<{ id?: number; eventId?: number }>(path, { method: 'POST', body }),
    onSuccess: async () => {
      await refresh();
      showSuccess(t('common.saved'));
    },
  });
  const send = (path: string, body: unknown) => post.mutateAsync({ path, body });

  if (only === 'committee') {
    return (
      <>
        <Button size="small" onClick={() => setOpen('committee')} data-testid="committee-add">
          {committeeWords(t, u.kind).add}
        </Button>
        <ActionModal<CommitteeValues>
          open={open === 'committee'}
          onClose={close}
          title={committeeWords(t, u.kind).add}
          testId="committee-form"
          initialValues={{ position: 'cap_uy_vien', validFrom: today }}
          confirmText={(v) =>
            t('committee.confirmAdd', { name: v.fullName, position: positionLabel(t, v.position, u.kind), unit: u.name, date: showDate(v.validFrom) })
          }
          submit={(v) =>
            send(`/units/${u.id}/committee`, {
              memberId: v.memberId ?? undefined,
              fullName: v.fullName.trim(),
              position: v.position,
              validFrom: v.validFrom,
              decisionNumber: blank(v.decisionNumber),
            })
          }
        >
          {(form) => (
            <>
              <Form.Item name="memberId" label={t('committee.member')} extra={t('committee.memberHint')}>
                <MemberSelect
                  unitId={u.id}
                  testId="committee-member"
                  onChange={(_, name) => {
                    if (name) form.setFieldValue('fullName', name);
                  }}
                />
              </Form.Item>
              <Form.Item name="fullName" label={t('committee.fullName')} rules={[...required(t), { max: 200 }]}>
                <Input data-testid="committee-full-name" />
              </Form.Item>
              <Form.Item name="position" label={t('committee.position')} rules={required(t)}>
                <Select data-testid="committee-position" options={COMMITTEE_POSITIONS.map((p) => ({ value: p, label: positionLabel(t, p, u.kind) }))} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <DateItem name="validFrom" label={t('committee.from')} rules={required(t)} testId="committee-from" />
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="decisionNumber" label={t('common.decisionNumber')} rules={[{ max: 100 }]}>
                    <Input data-testid="committee-decision" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
        </ActionModal>
      </>
    );
  }

  return (
    <>
      <div>
        <Typography.Text type="secondary">{t('unitActions.heading')}</Typography.Text>
        <Space wrap size={phone ? 6 : 8} style={{ marginTop: 6, display: 'flex' }}>
          {UNIT_KINDS.some((k) => canContain(u.kind, k)) && (
            <Button onClick={() => setOpen('create')} size={phone ? 'small' : 'middle'} data-testid="unit-create-child">
              {t('unitActions.create')}
            </Button>
          )}
          <Button onClick={() => setOpen('rename')} size={phone ? 'small' : 'middle'} data-testid="unit-rename">
            {t('unitActions.rename')}
          </Button>
          {u.parentId !== null && (
            <Button onClick={() => setOpen('move')} size={phone ? 'small' : 'middle'} data-testid="unit-move">
              {t('unitActions.move')}
            </Button>
          )}
          <Button onClick={() => setOpen('reclassify')} size={phone ? 'small' : 'middle'} data-testid="unit-reclassify">
            {t('unitActions.reclassify')}
          </Button>
          <Button onClick={() => setOpen('merge')} size={phone ? 'small' : 'middle'} data-testid="unit-merge">
            {t('unitActions.merge')}
          </Button>
          <Button onClick={() => setOpen('split')} size={phone ? 'small' : 'middle'} data-testid="unit-split">
            {t('unitActions.split')}
          </Button>
          {u.parentId !== null && (
            <Button danger onClick={() => setOpen('dissolve')} size={phone ? 'small' : 'middle'} data-testid="unit-dissolve">
              {t('unitActions.dissolve')}
            </Button>
          )}
        </Space>
      </div>

      <ActionModal<CreateValues>
        open={open === 'create'}
        onClose={close}
        title={t('unitActions.createTitle', { parent: u.name })}
        testId="unit-create-form"
        initialValues={{ establishedOn: today, kind: defaultChildKind(u.kind) }}
        confirmText={(v) => t('unitActions.confirmCreate', { name: v.name, kind: unitKindLabel(t, v.kind), parent: u.name, date: showDate(v.establishedOn) })}
        submit={async (v) => {
          const created = await send('/units', {
            code: v.code.trim(),
            name: v.name.trim(),
            kind: v.kind,
            parentId: u.id,
            establishedOn: v.establishedOn,
            decisionNumber: blank(v.decisionNumber),
          });
          if (created.id) navigate(`/units/${created.id}`);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('units.code')} rules={[...required(t), { max: 50 }]}>
              <Input data-testid="unit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('units.name')} rules={[...required(t), { max: 300 }]}>
              <Input data-testid="unit-name-input" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={t('units.kind')} rules={required(t)}>
          <KindSelect testId="unit-kind-select" kinds={UNIT_KINDS.filter((k) => canContain(u.kind, k))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <DateItem name="establishedOn" label={t('units.establishedOn')} rules={required(t)} testId="action-effective-on" notFuture />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="decisionNumber" label={t('common.decisionNumber')} rules={[{ max: 100 }]}>
              <Input data-testid="action-decision-number" />
            </Form.Item>
          </Col>
        </Row>
      </ActionModal>

      <ActionModal<RenameValues>
        open={open === 'rename'}
        onClose={close}
        title={t('unitActions.renameTitle')}
        testId="unit-rename-form"
        initialValues={{ name: u.name, effectiveOn: today }}
        confirmText={(v) => t('unitActions.confirmRename', { old: u.name, name: v.name, date: showDate(v.effectiveOn), decision: v.decisionNumber })}
        submit={(v) => send(`/units/${u.id}/rename`, { name: v.name.trim(), effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber.trim() })}
      >
        <Form.Item name="name" label={t('unitActions.newName')} rules={[...required(t), { max: 300 }]}>
          <Input data-testid="unit-new-name" />
        </Form.Item>
        <DecisionFields />
      </ActionModal>

      <ActionModal<MoveValues>
        open={open === 'move'}
        onClose={close}
        title={t('unitActions.moveTitle')}
        testId="unit-move-form"
        initialValues={{ effectiveOn: today }}
        confirmText={(v) => t('unitActions.confirmMove', { name: u.name, from: parentName ?? '', date: showDate(v.effectiveOn), decision: v.decisionNumber })}
        submit={(v) => send(`/units/${u.id}/move`, { parentId: v.parentId, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber.trim() })}
      >
        <Form.Item name="parentId" label={t('unitActions.newParent')} rules={required(t)}>
          <UnitSelect testId="unit-new-parent" excludeIds={[u.id]} />
        </Form.Item>
        <DecisionFields />
      </ActionModal>

      <ActionModal<ReclassifyValues>
        open={open === 'reclassify'}
        onClose={close}
        title={t('unitActions.reclassifyTitle', { name: u.name })}
        testId="unit-reclassify-form"
        initialValues={{ effectiveOn: today }}
        confirmText={(v) =>
          t('unitActions.confirmReclassify', {
            name: u.name,
            from: unitKindLabel(t, u.kind),
            to: unitKindLabel(t, v.kind),
            date: showDate(v.effectiveOn),
            decision: v.decisionNumber,
          })
        }
        submit={(v) =>
          send(`/units/${u.id}/reclassify`, {
            kind: v.kind,
            effectiveOn: v.effectiveOn,
            decisionNumber: v.decisionNumber.trim(),
            decisionDate: v.decisionDate || undefined,
            note: blank(v.note),
          })
        }
      >
        <Typography.Paragraph type="secondary">{t('unitActions.reclassifyHelp')}</Typography.Paragraph>
        <Typography.Paragraph data-testid="reclassify-current-kind">{t('unitActions.currentKind', { kind: unitKindLabel(t, u.kind) })}</Typography.Paragraph>
        <Form.Item name="kind" label={t('unitActions.newKind')} rules={required(t)}>
          <KindSelect testId="reclassify-kind" kinds={reclassifyKinds(detail)} />
        </Form.Item>
        <DecisionFields />
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <DateItem name="decisionDate" label={t('unitActions.decisionDate')} testId="reclassify-decision-date" notFuture />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="note" label={t('unitActions.note')} rules={[{ max: 1000 }]}>
              <Input data-testid="reclassify-note" />
            </Form.Item>
          </Col>
        </Row>
      </ActionModal>

      <ActionModal<MergeValues>
        open={open === 'merge'}
        onClose={close}
        title={t('unitActions.mergeTitle')}
        testId="unit-merge-form"
        width={640}
        initialValues={{ effectiveOn: today, targetMode: 'existing', kind: u.kind, parentId: u.parentId ?? undefined }}
        confirmText={(v) =>
          t('unitActions.confirmMerge', { count: 1 + (v.otherSourceIds?.length ?? 0), date: showDate(v.effectiveOn), decision: v.decisionNumber })
        }
        submit={async (v) => {
          const target =
            v.targetMode === 'existing' ? { unitId: v.targetUnitId } : { code: v.code?.trim(), name: v.name?.trim(), kind: v.kind, parentId: v.parentId };
          await send('/units/merge', {
            sourceIds: [u.id, ...(v.otherSourceIds ?? [])],
            target,
            effectiveOn: v.effectiveOn,
            decisionNumber: v.decisionNumber.trim(),
          });
          navigate(v.targetMode === 'existing' && v.targetUnitId ? `/units/${v.targetUnitId}` : '/units');
        }}
      >
        <Typography.Paragraph type="secondary">{t('unitActions.mergeHelp', { name: u.name })}</Typography.Paragraph>
        <Form.Item name="otherSourceIds" label={t('unitActions.mergeOthers')}>
          <UnitSelect multiple testId="merge-sources" excludeIds={[u.id]} />
        </Form.Item>
        <Form.Item name="targetMode" label={t('unitActions.mergeInto')}>
          <Radio.Group
            data-testid="merge-target-mode"
            options={[
              { value: 'existing', label: t('unitActions.mergeExisting') },
              { value: 'new', label: t('unitActions.mergeNew') },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['targetMode']}>
          {(form) =>
            form.getFieldValue('targetMode') === 'existing' ? (
              <Form.Item name="targetUnitId" label={t('unitActions.mergeTarget')} rules={required(t)}>
                <UnitSelect testId="merge-target" excludeIds={[u.id]} kinds={CELL_KINDS.includes(u.kind) ? CELL_KINDS : undefined} />
              </Form.Item>
            ) : (
              <>
                <Row gutter={12}>
                  <Col xs={24} sm={8}>
                    <Form.Item name="code" label={t('units.code')} rules={[...required(t), { max: 50 }]}>
                      <Input data-testid="merge-new-code" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={16}>
                    <Form.Item name="name" label={t('units.name')} rules={[...required(t), { max: 300 }]}>
                      <Input data-testid="merge-new-name" />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="kind" label={t('units.kind')} rules={required(t)}>
                      <KindSelect testId="merge-new-kind" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="parentId" label={t('units.parent')} rules={required(t)}>
                      <UnitSelect testId="merge-new-parent" knownLabels={u.parentId && parentName ? { [u.parentId]: parentName } : undefined} />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            )
          }
        </Form.Item>
        <DecisionFields />
      </ActionModal>

      <ActionModal<SplitValues>
        open={open === 'split'}
        onClose={close}
        title={t('unitActions.splitTitle', { name: u.name })}
        testId="unit-split-form"
        width={720}
        initialValues={{ effectiveOn: today, parts: [{ kind: u.kind } as SplitPart, { kind: u.kind } as SplitPart] }}
        confirmText={(v) => t('unitActions.confirmSplit', { name: u.name, count: v.parts.length, date: showDate(v.effectiveOn), decision: v.decisionNumber })}
        submit={async (v) => {
          await send(`/units/${u.id}/split`, {
            parts: v.parts.map((p) => ({
              code: p.code.trim(),
              name: p.name.trim(),
              kind: p.kind,
              memberIds: p.memberIds ?? [],
              childUnitIds: p.childUnitIds ?? [],
            })),
            effectiveOn: v.effectiveOn,
            decisionNumber: v.decisionNumber.trim(),
          });
          navigate(u.parentId ? `/units/${u.parentId}` : '/units');
        }}
      >
        <Typography.Paragraph type="secondary">{t('unitActions.splitHelp')}</Typography.Paragraph>
        <Form.List name="parts">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} style={{ border: '1px solid #eee', borderRadius: 6, padding: 12, marginBottom: 12 }} data-testid="split-part">
                  <Space style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
                    <Typography.Text strong>{t('unitActions.splitPart', { index: index + 1 })}</Typography.Text>
                    {fields.length > 2 && (
                      <Button size="small" type="link" danger onClick={() => remove(field.name)}>
                        {t('common.remove')}
                      </Button>
                    )}
                  </Space>
                  <Row gutter={12}>
                    <Col xs={24} sm={6}>
                      <Form.Item name={[field.name, 'code']} label={t('units.code')} rules={[...required(t), { max: 50 }]}>
                        <Input data-testid="split-code" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={11}>
                      <Form.Item name={[field.name, 'name']} label={t('units.name')} rules={[...required(t), { max: 300 }]}>
                        <Input data-testid="split-name" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={7}>
                      <Form.Item name={[field.name, 'kind']} label={t('units.kind')} rules={required(t)}>
                        <KindSelect
                          testId="split-kind"
                          kinds={detail.parentKind === null ? UNIT_KINDS : UNIT_KINDS.filter((k) => canContain(detail.parentKind!, k))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'memberIds']} label={t('unitActions.splitMembers')}>
                    <MemberSelect multiple unitId={u.id} testId="split-members" />
                  </Form.Item>
                  {detail.children.length > 0 && (
                    <Form.Item name={[field.name, 'childUnitIds']} label={t('unitActions.splitChildren')}>
                      <Select mode="multiple" data-testid="split-children" options={detail.children.map((c) => ({ value: c.id, label: c.name }))} />
                    </Form.Item>
                  )}
                </div>
              ))}
              <Button type="dashed" block onClick={() => add({ kind: u.kind })} style={{ marginBottom: 12 }} data-testid="split-add-part">
                {t('unitActions.splitAddPart')}
              </Button>
              <SplitProgress members={detail.counts.members} childUnits={detail.children.length} />
              <div data-testid="split-errors">
                <Form.ErrorList errors={errors} />
              </div>
            </>
          )}
        </Form.List>
        <DecisionFields />
      </ActionModal>

      <ActionModal<Decision>
        open={open === 'dissolve'}
        onClose={close}
        title={t('unitActions.dissolveTitle', { name: u.name })}
        testId="unit-dissolve-form"
        danger
        initialValues={{ effectiveOn: today }}
        okText={t('unitActions.dissolve')}
        confirmText={(v) => t('unitActions.confirmDissolve', { name: u.name, date: showDate(v.effectiveOn), decision: v.decisionNumber })}
        submit={async (v) => {
          await send(`/units/${u.id}/dissolve`, { effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber.trim() });
        }}
      >
        <Typography.Paragraph type="warning">{t('unitActions.dissolveHelp')}</Typography.Paragraph>
        <DecisionFields />
      </ActionModal>
    </>
  );
}

/** How many of the unit's members (for a unit without sub-units, whose figure is its own
 * members) or sub-units the plan has placed so far: all must be. */
function SplitProgress({ members, childUnits }: { members: number; childUnits: number }) {
  const t = useT();
  const form = Form.useFormInstance<SplitValues>();
  const parts = Form.useWatch('parts', form) ?? [];
  const placedMembers = new Set(parts.flatMap((p) => p?.memberIds ?? [])).size;
  const placedChildren = new Set(parts.flatMap((p) => p?.childUnitIds ?? [])).size;
  const done = childUnits > 0 ? placedChildren >= childUnits : placedMembers >= members;
  return (
    <Typography.Paragraph type={done ? 'success' : 'warning'} data-testid="split-progress">
      {childUnits > 0
        ? t('unitActions.splitProgressChildren', { placed: placedChildren, total: childUnits })
        : t('unitActions.splitProgressMembers', { placed: placedMembers, total: members })}
    </Typography.Paragraph>
  );
}

/** Ends a committee member's term, after asking for the last day. */
export function CommitteeEndButton({ unitId, seat }: { unitId: number; seat: CommitteeSeat }) {
  const t = useT();
  const refresh = useRefreshAfterChange();
  const [open, setOpen] = useState(false);
  const end = useMutation({
    mutationFn: (validTo: string) => api(`/units/${unitId}/committee/${seat.id}/end`, { method: 'POST', body: { validTo } }),
    onSuccess: async () => {
      await refresh();
      showSuccess(t('common.saved'));
    },
  });
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="committee-end">
        {t('committee.end')}
      </Button>
      <ActionModal<{ validTo: string }>
        open={open}
        onClose={() => setOpen(false)}
        title={t('committee.endTitle', { name: seat.fullName })}
        testId="committee-end-form"
        initialValues={{ validTo: todayIso() }}
        confirmText={(v) => t('committee.confirmEnd', { name: seat.fullName, date: showDate(v.validTo) })}
        submit={(v) => end.mutateAsync(v.validTo)}
      >
        <DateItem name="validTo" label={t('committee.to')} rules={required(t)} testId="committee-to" />
      </ActionModal>
    </>
  );
}

function defaultChildKind(kind: UnitKind): UnitKind {
  if (kind === 'toan_dang') return 'dang_bo_tinh';
  if (kind === 'dang_bo_truc_thuoc_tw' || kind === 'dang_bo_khoi') return 'dang_bo_co_so';
  if (kind === 'dang_bo_huyen' || kind === 'dang_bo_quan' || kind === 'dang_bo_thi_xa' || kind === 'dang_bo_thanh_pho') return 'dang_bo_co_so';
  if (kind === 'dang_bo_tinh') return 'dang_bo_xa';
  if (kind === 'dang_bo_xa') return 'chi_bo';
  if (kind === 'dang_bo_co_so' || kind === 'dang_bo_bo_phan') return 'chi_bo';
  return 'to_dang';
}
