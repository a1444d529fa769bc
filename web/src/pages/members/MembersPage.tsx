// The member list: search that ignores diacritics, filters kept in the address (so a
// link to "members of this cell" works and the export uses the same filters), a table
// on a desktop and cards on a phone.

import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Collapse, Empty, Input, List, Pagination, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { filtersToQuery, type MemberFilters, useMemberList } from '../../api/members.ts';
import { MEMBER_STATUSES, type MemberListItem, SEXES, THEORY_LEVELS } from '../../api/types.ts';
import { usePermission } from '../../auth/session.ts';
import { sexLabel, statusLabel, theoryLabel } from '../../components/labels.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { openRow } from '../../lib/open-row.ts';
import { scrollToList } from '../../lib/scroll-to-list.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePhone } from '../../lib/use-phone.ts';

const AGE_BANDS = [
  { key: '-30', from: undefined, to: 30 },
  { key: '31-40', from: 31, to: 40 },
  { key: '41-50', from: 41, to: 50 },
  { key: '51-60', from: 51, to: 60 },
  { key: '61-70', from: 61, to: 70 },
  { key: '71-', from: 71, to: undefined },
] as const;

function readFilters(params: URLSearchParams): MemberFilters {
  const num = (key: string) => {
    const v = Number(params.get(key));
    return params.get(key) && Number.isFinite(v) ? v : undefined;
  };
  const status = params.get('status');
  return {
    q: params.get('q') ?? undefined,
    unitId: num('unitId'),
    status: status ? status.split(',') : undefined,
    sex: params.get('sex') ?? undefined,
    ethnicity: params.get('ethnicity') ?? undefined,
    theoryLevel: params.get('theoryLevel') ?? undefined,
    ageFrom: num('ageFrom'),
    ageTo: num('ageTo'),
    page: num('page') ?? 1,
    pageSize: num('pageSize') ?? 50,
  };
}

export default function MembersPage() {
  const t = useT();
  const phone = usePhone();
  const may = usePermission();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [typed, setTyped] = useState(filters.q ?? '');
  const q = useDebounced(typed.trim(), 300);
  // Next, previous and last page go by the cursor the server handed out (an index range,
  // the total carried over); a jump to another page number goes by offset and recounts.
  const [cursor, setCursor] = useState<{ page: number; cursor: string; key: string } | null>(null);
  const filtersKey = JSON.stringify({ ...filters, page: undefined });
  const list = useMemberList(cursor && cursor.page === filters.page && cursor.key === filtersKey ? { ...filters, cursor: cursor.cursor } : filters);
  const [exporting, setExporting] = useState(false);
  const [unitLabel, setUnitLabel] = useState<Record<number, string>>({});
  const listTop = useRef<HTMLDivElement>(null);

  function update(changes: Record<string, string | number | string[] | undefined | null>, keepPage = false) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) next.delete(key);
      else next.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the debounced search text changes, not on every filter change
  useEffect(() => {
    if ((filters.q ?? '') !== q) update({ q });
  }, [q]);

  // Name of the unit in the address, so the filter shows it before any search.
  const firstItem = list.data?.items[0];
  useEffect(() => {
    if (filters.unitId && firstItem && firstItem.unitId === filters.unitId) setUnitLabel((l) => ({ ...l, [firstItem.unitId]: firstItem.unitName }));
  }, [filters.unitId, firstItem]);

  async function exportXlsx() {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = filtersToQuery(filters);
      await download('/members/export.xlsx', rest, 'dang-vien.xlsx');
    } catch (error) {
      showError(error);
    } finally {
      setExporting(false);
    }
  }

  const band = AGE_BANDS.find((b) => b.from === filters.ageFrom && b.to === filters.ageTo)?.key;
  const activeFilters = [filters.unitId, filters.status, filters.sex, filters.ethnicity, filters.theoryLevel, band].filter((v) => v !== undefined).length;

  const filterFields = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={8}>
        <UnitSelect
          value={filters.unitId ?? null}
          onChange={(v) => update({ unitId: v })}
          testId="member-filter-unit"
          placeholder={t('members.filter.unit')}
          ariaLabel={t('members.filter.unit')}
          knownLabels={unitLabel}
        />
      </Col>
      <Col xs={24} md={8}>
        <Select
          mode="multiple"
          allowClear
          style={{ width: '100%' }}
          placeholder={t('members.filter.statusCurrent')}
          aria-label={t('members.filter.statusCurrent')}
          data-testid="member-filter-status"
          value={filters.status ?? []}
          onChange={(v: string[]) => update({ status: v.includes('all') ? ['all'] : v })}
          options={[{ value: 'all', label: t('members.filter.statusAll') }, ...MEMBER_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))]}
        />
      </Col>
      <Col xs={12} md={4}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('members.filter.sex')}
          aria-label={t('members.filter.sex')}
          data-testid="member-filter-sex"
          value={filters.sex}
          onChange={(v?: string) => update({ sex: v })}
          options={SEXES.map((s) => ({ value: s, label: sexLabel(t, s) }))}
        />
      </Col>
      <Col xs={12} md={4}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('members.filter.age')}
          aria-label={t('members.filter.age')}
          data-testid="member-filter-age"
          value={band}
          onChange={(key?: string) => {
            const b = AGE_BANDS.find((x) => x.key === key);
            update({ ageFrom: b?.from, ageTo: b?.to });
          }}
          options={AGE_BANDS.map((b) => ({
            value: b.key,
            label:
              b.from === undefined
                ? t('members.filter.ageUnder', { to: b.to! })
                : b.to === undefined
                  ? t('members.filter.ageOver', { from: b.from })
                  : t('members.filter.ageBetween', { from: b.from, to: b.to }),
          }))}
        />
      </Col>
      <Col xs={12} md={8}>
        <Input
          allowClear
          placeholder={t('members.filter.ethnicity')}
          aria-label={t('members.filter.ethnicity')}
          data-testid="member-filter-ethnicity"
          defaultValue={filters.ethnicity}
          onBlur={(e) => update({ ethnicity: e.target.value.trim() })}
          onPressEnter={(e) => update({ ethnicity: e.currentTarget.value.trim() })}
        />
      </Col>
      <Col xs={12} md={8}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('members.filter.theoryLevel')}
          aria-label={t('members.filter.theoryLevel')}
          data-testid="member-filter-theory"
          value={filters.theoryLevel}
          onChange={(v?: string) => update({ theoryLevel: v })}
          options={THEORY_LEVELS.map((l) => ({ value: l, label: theoryLabel(t, l) }))}
        />
      </Col>
      <Col xs={24} md={8}>
        {activeFilters > 0 && (
          <Button
            onClick={() => {
              setTyped('');
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="member-filter-clear"
          >
            {t('members.filter.clear')}
          </Button>
        )}
      </Col>
    </Row>
  );

  const columns: ColumnsType<MemberListItem> = [
    {
      title: t('members.fields.fullName'),
      key: 'name',
      render: (_, m) => (
        <Link to={`/members/${m.id}`} data-testid="member-link">
          {m.fullName}
        </Link>
      ),
    },
    { title: t('members.fields.sex'), key: 'sex', width: 80, render: (_, m) => sexLabel(t, m.sex) },
    { title: t('members.fields.dateOfBirth'), key: 'dob', width: 120, render: (_, m) => showDate(m.dateOfBirth) },
    { title: t('members.fields.age'), dataIndex: 'age', width: 60 },
    { title: t('members.fields.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('members.fields.status'), key: 'status', width: 140, render: (_, m) => <StatusTag status={m.status} fullMemberOn={m.fullMemberOn} /> },
    { title: t('members.fields.partyCardNumber'), dataIndex: 'partyCardNumber', width: 130 },
    { title: t('members.fields.theoryLevel'), key: 'theory', width: 120, render: (_, m) => theoryLabel(t, m.theoryLevel) },
  ];

  const data = list.data;
  function goToPage(page: number, pageSize = data?.pageSize ?? 50) {
    if (data && pageSize === data.pageSize) {
      const lastPage = Math.max(1, Math.ceil(data.total / data.pageSize));
      const via = page === data.page + 1 ? data.nextCursor : page === data.page - 1 ? data.prevCursor : page === lastPage ? data.lastCursor : null;
      setCursor(via ? { page, cursor: via, key: filtersKey } : null);
    } else setCursor(null);
    update({ page, pageSize }, true);
    scrollToList(listTop.current);
  }
  const totalText = data ? t(data.totalExact ? 'members.total' : 'members.totalAtLeast', { count: data.total.toLocaleString('vi-VN') }) : ' ';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('members.title')}
        </Typography.Title>
        <Space wrap>
          {may('read') && (
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} data-testid="member-export">
              {t('members.export')}
            </Button>
          )}
          {may('write_members') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/members/new${filters.unitId ? `?unitId=${filters.unitId}` : ''}`)}
              data-testid="member-create"
            >
              {t('members.create')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            allowClear
            size="large"
            prefix={<SearchOutlined />}
            type="search"
            enterKeyHint="search"
            placeholder={t('members.searchPlaceholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="member-search"
          />
          {phone ? (
            <Collapse
              ghost
              items={[
                {
                  key: 'f',
                  label: (
                    <Badge count={activeFilters} size="small" offset={[10, 0]}>
                      {t('members.filter.title')}
                    </Badge>
                  ),
                  children: filterFields,
                },
              ]}
              data-testid="member-filters-toggle"
            />
          ) : (
            filterFields
          )}
        </Space>
      </Card>
      {list.isError && !data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: phone ? 0 : undefined } }}>
          <div ref={listTop} style={{ padding: phone ? '8px 12px 0' : '0 0 8px' }}>
            <Typography.Text type="secondary" data-testid="member-total">
              {totalText}
            </Typography.Text>
          </div>
          {phone ? (
            <>
              <List
                loading={list.isFetching}
                dataSource={data?.items ?? []}
                locale={{ emptyText: <Empty description={t('members.empty')} /> }}
                renderItem={(m) => (
                  <List.Item data-testid="member-row" onClick={openRow(navigate, `/members/${m.id}`)} style={{ cursor: 'pointer', padding: '10px 12px' }}>
                    <div style={{ width: '100%' }}>
                      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                        <Link to={`/members/${m.id}`} style={{ fontWeight: 600 }} data-testid="member-link">
                          {m.fullName}
                        </Link>
                        <StatusTag status={m.status} fullMemberOn={m.fullMemberOn} />
                      </div>
                      <Typography.Text type="secondary">
                        {sexLabel(t, m.sex)} · {showDate(m.dateOfBirth)} ({m.age}) · {m.unitName}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
              {data && data.total > data.pageSize && (
                <div style={{ padding: 12, display: 'flex', justifyContent: 'center' }}>
                  <Pagination simple current={data.page} pageSize={data.pageSize} total={data.total} onChange={(page) => goToPage(page)} />
                </div>
              )}
            </>
          ) : (
            <Table<MemberListItem>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              dataSource={data?.items ?? []}
              columns={columns}
              locale={{ emptyText: <Empty description={t('members.empty')} /> }}
              onRow={(m) =>
                ({
                  'data-testid': 'member-row',
                  'data-member-id': m.id,
                  onDoubleClick: () => navigate(`/members/${m.id}`),
                }) as React.HTMLAttributes<HTMLElement>
              }
              pagination={{
                current: data?.page ?? 1,
                pageSize: data?.pageSize ?? 50,
                total: data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                onChange: (page, pageSize) => goToPage(page, pageSize),
              }}
              scroll={{ x: 900 }}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
