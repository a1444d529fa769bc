// Creating a member or editing the personal record. The API validates; its per-field
// messages (in the chosen language) are shown next to the fields.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { memberKeys, useMember } from '../../api/members.ts';
import { type Member, SEXES, type Sex, THEORY_LEVELS, type TheoryLevel } from '../../api/types.ts';
import { DateItem } from '../../components/DateInput.tsx';
import { sexLabel, statusLabel, theoryLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { type MessageKey, useT } from '../../i18n/i18n.ts';
import { todayIso } from '../../lib/dates.ts';
import { applyApiErrors, type FieldProblem } from '../../lib/form-errors.ts';
import { showSuccess } from '../../lib/notify.ts';
import { VillageSelect } from '../villages/VillageSelect.tsx';

interface PersonalValues {
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  ethnicity: string;
  religion: string;
  hometown?: string;
  residence?: string;
  citizenId?: string;
  partyCardNumber?: string;
  admittedOn?: string | null;
  fullMemberOn?: string | null;
  education?: string;
  theoryLevel?: TheoryLevel | null;
  occupation?: string;
  position?: string;
  phone?: string;
}
interface CreateValues extends PersonalValues {
  unitId: number;
  joinedUnitOn: string;
  decisionNumber?: string;
  villageId?: number | null;
  /** The day a new education, theory level or religion takes effect (editing only). */
  effectiveOn?: string;
}

const TEXT_FIELDS = ['hometown', 'residence', 'citizenId', 'partyCardNumber', 'education', 'occupation', 'position', 'phone'] as const;

/** Empty optional boxes become null, which the API reads as "not known". */
function personalBody(v: PersonalValues) {
  const body: Record<string, unknown> = {
    fullName: v.fullName.trim(),
    sex: v.sex,
    dateOfBirth: v.dateOfBirth,
    ethnicity: v.ethnicity.trim(),
    religion: v.religion.trim(),
    admittedOn: v.admittedOn ?? null,
    fullMemberOn: v.fullMemberOn ?? null,
    theoryLevel: v.theoryLevel ?? null,
  };
  for (const f of TEXT_FIELDS) body[f] = v[f]?.trim() ? v[f]!.trim() : null;
  return body;
}

function fromMember(m: Member): PersonalValues {
  return {
    fullName: m.fullName,
    sex: m.sex,
    dateOfBirth: m.dateOfBirth,
    ethnicity: m.ethnicity,
    religion: m.religion,
    hometown: m.hometown ?? '',
    residence: m.residence ?? '',
    citizenId: m.citizenId ?? '',
    partyCardNumber: m.partyCardNumber ?? '',
    admittedOn: m.admittedOn,
    fullMemberOn: m.fullMemberOn,
    education: m.education ?? '',
    theoryLevel: m.theoryLevel,
    occupation: m.occupation ?? '',
    position: m.position ?? '',
    phone: m.phone ?? '',
  };
}

export default function MemberFormPage() {
  const { id } = useParams();
  return id ? <EditMember id={Number(id)} /> : <CreateMember />;
}

function EditMember({ id }: { id: number }) {
  const member = useMember(id);
  if (member.isPending) return <PageLoading />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  return <MemberForm member={member.data} />;
}

function CreateMember() {
  return <MemberForm />;
}

function MemberForm({ member }: { member?: Member }) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const fullMemberOn = Form.useWatch('fullMemberOn', form) as string | null | undefined;
  const chosenCell = Form.useWatch('unitId', form) as number | undefined;
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const presetUnit = Number(params.get('unitId')) || undefined;
  // Education, theory level and religion change over a life: a new value takes effect on a day.
  const [education, theoryLevel, religion] = [Form.useWatch('education', form), Form.useWatch('theoryLevel', form), Form.useWatch('religion', form)];
  const lifeChanged =
    !!member &&
    ((education ?? '').trim() !== (member.education ?? '') || (theoryLevel ?? null) !== member.theoryLevel || (religion ?? '').trim() !== member.religion);

  const save = useMutation({
    mutationFn: (v: CreateValues) =>
      member
        ? api<Member>(`/members/${member.id}`, { method: 'PATCH', body: { ...personalBody(v), effectiveOn: lifeChanged ? v.effectiveOn : undefined } })
        : api<Member>('/members', {
            method: 'POST',
            body: {
              ...personalBody(v),
              unitId: v.unitId,
              joinedUnitOn: v.joinedUnitOn,
              decisionNumber: v.decisionNumber?.trim() || undefined,
              villageId: v.villageId ?? undefined,
            },
          }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(memberKeys.detail(saved.id), (old: Member | undefined) => ({ ...old, ...saved }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['members', 'list'] }), queryClient.invalidateQueries({ queryKey: ['units'] })]);
      showSuccess(t('common.saved'));
      navigate(`/members/${saved.id}`, { replace: !!member });
    },
    onError: (error) => setUnmatched(applyApiErrors(form, error)),
  });

  const label = (k: MessageKey) => t(k);
  const req = [{ required: true, message: t('validation.required') }];
  const max = (n: number) => ({ max: n, message: t('validation.tooLong', { max: n }) });
  const title = member ? t('members.editTitle', { name: member.fullName }) : t('members.createTitle');
  const initialValues: Partial<CreateValues> = member
    ? { ...fromMember(member), effectiveOn: todayIso() }
    : { ethnicity: 'Kinh', religion: 'Không', joinedUnitOn: todayIso(), unitId: presetUnit };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/members">{t('members.title')}</Link> },
          ...(member ? [{ title: <Link to={`/members/${member.id}`}>{member.fullName}</Link> }] : []),
          { title: member ? t('members.edit') : t('members.create') },
        ]}
      />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Form<CreateValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          scrollToFirstError
          onFinish={(v) => {
            setUnmatched([]);
            save.mutate(v);
          }}
          onFinishFailed={() => setUnmatched([])}
          data-testid="member-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="fullName" label={label('members.fields.fullName')} rules={[...req, max(200)]}>
                <Input data-testid="member-field-fullName" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="sex" label={label('members.fields.sex')} rules={req}>
                <Select data-testid="member-field-sex" options={SEXES.map((s) => ({ value: s, label: sexLabel(t, s) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <DateItem name="dateOfBirth" label={label('members.fields.dateOfBirth')} rules={req} testId="member-field-dateOfBirth" notFuture />
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="ethnicity" label={label('members.fields.ethnicity')} rules={[...req, max(50)]}>
                <Input data-testid="member-field-ethnicity" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="religion" label={label('members.fields.religion')} rules={[...req, max(50)]}>
                <Input data-testid="member-field-religion" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="citizenId" label={label('members.fields.citizenId')} rules={[max(12)]}>
                <Input data-testid="member-field-citizenId" inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="hometown" label={label('members.fields.hometown')} rules={[max(300)]}>
                <Input data-testid="member-field-hometown" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="residence" label={label('members.fields.residence')} rules={[max(300)]}>
                <Input data-testid="member-field-residence" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={label('members.fields.phone')} rules={[max(15)]}>
                <Input data-testid="member-field-phone" inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain>
            {t('members.sections.party')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="partyCardNumber" label={label('members.fields.partyCardNumber')} rules={[max(20)]}>
                <Input data-testid="member-field-partyCardNumber" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <DateItem name="admittedOn" label={label('members.fields.admittedOn')} testId="member-field-admittedOn" notFuture />
            </Col>
            <Col xs={12} md={8}>
              <DateItem name="fullMemberOn" label={label('members.fields.fullMemberOn')} testId="member-field-fullMemberOn" notFuture />
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="education" label={label('members.fields.education')} rules={[max(100)]}>
                <Input data-testid="member-field-education" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="theoryLevel" label={label('members.fields.theoryLevel')}>
                <Select allowClear data-testid="member-field-theoryLevel" options={THEORY_LEVELS.map((l) => ({ value: l, label: theoryLabel(t, l) }))} />
              </Form.Item>
            </Col>
            {lifeChanged && (
              <Col xs={24} md={8}>
                <DateItem
                  name="effectiveOn"
                  label={label('members.form.changedOn')}
                  extra={t('members.form.changedOnHint')}
                  rules={req}
                  testId="member-field-effectiveOn"
                  notFuture
                />
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="occupation" label={label('members.fields.occupation')} rules={[max(200)]}>
                <Input data-testid="member-field-occupation" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="position" label={label('members.fields.position')} rules={[max(200)]}>
                <Input data-testid="member-field-position" />
              </Form.Item>
            </Col>
          </Row>
          {!member && (
            <>
              <Divider titlePlacement="start" plain>
                {t('members.sections.placement')}
              </Divider>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="unitId" label={label('members.fields.unit')} rules={req}>
                    <UnitSelect testId="member-field-unitId" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  {/* The status follows the dates (Điều lệ Đảng): shown, not chosen. */}
                  <Form.Item label={label('members.fields.status')} extra={t('members.form.statusFollowsDates')}>
                    <span data-testid="member-field-status">{statusLabel(t, fullMemberOn && fullMemberOn <= todayIso() ? 'chinh_thuc' : 'du_bi')}</span>
                  </Form.Item>
                </Col>
                <Col xs={12} md={12}>
                  <DateItem name="joinedUnitOn" label={label('members.fields.joinedUnitOn')} rules={req} testId="member-field-joinedUnitOn" />
                </Col>
                <Col xs={12} md={12}>
                  <Form.Item name="decisionNumber" label={label('common.decisionNumber')} rules={[max(100)]}>
                    <Input data-testid="member-field-decisionNumber" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="villageId" label={label('villages.memberField')} extra={t('villages.memberFieldHint')}>
                    <VillageSelect cellId={chosenCell} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          {unmatched.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('errors.fieldsTitle')}
              data-testid="member-form-errors"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {unmatched.map((u) => (
                    <li key={u.path + u.message}>{u.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="member-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)} data-testid="member-cancel">
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
