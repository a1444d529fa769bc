// The unit tree: lazily expanded, as it stood on a chosen date, with a search box.

import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { TreeDataNode } from 'antd';
import { Card, Empty, Input, List, Space, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { UnitChild } from '../../api/types.ts';
import { fetchChildren, unitKeys, useUnitChildren, useUnitSearch } from '../../api/units.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { unitKindLabel } from '../../components/labels.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/i18n.ts';
import { dayUpToToday, showDate, todayIso } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

export default function UnitsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  // The tree as it was on a day up to today; a later date in a link shows today's.
  const at = dayUpToToday(params.get('at'));
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);

  function setAt(value: string | null) {
    const next = new URLSearchParams(params);
    if (value && value !== todayIso()) next.set('at', value);
    else next.delete('at');
    setParams(next, { replace: true });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('units.title')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            type="search"
            placeholder={t('units.searchPlaceholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="unit-search"
          />
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text>{t('units.viewAt')}</Typography.Text>
            <div style={{ width: 160 }}>
              <DateInput value={at ?? todayIso()} onChange={setAt} testId="tree-date" allowClear={false} notFuture />
            </div>
            {at && (
              <Typography.Text type="warning" data-testid="tree-date-note">
                {t('units.pastTree', { date: showDate(at) })}
              </Typography.Text>
            )}
          </div>
        </Space>
      </Card>
      <Card size="small">{q ? <SearchResults q={q} at={at} /> : <UnitTree key={at ?? 'today'} at={at} />}</Card>
    </Space>
  );
}

function SearchResults({ q, at }: { q: string; at: string | null }) {
  const t = useT();
  const search = useUnitSearch(q, at);
  if (search.isPending) return <PageLoading />;
  if (search.isError) return <QueryError error={search.error} onRetry={() => void search.refetch()} />;
  const suffix = at ? `?at=${at}` : '';
  return (
    <List
      dataSource={search.data.items}
      locale={{ emptyText: <Empty description={t('common.noResults')} /> }}
      renderItem={(u) => (
        <List.Item data-testid="unit-search-result">
          <List.Item.Meta
            title={<Link to={`/units/${u.id}${suffix}`}>{u.name}</Link>}
            description={
              <>
                <Tag>{unitKindLabel(t, u.kind)}</Tag>
                {u.path.join(' › ')}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

interface Node extends TreeDataNode {
  key: string;
  unit: UnitChild;
  children?: Node[];
}

function UnitTree({ at }: { at: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roots = useUnitChildren(null, at);
  const [loaded, setLoaded] = useState<Record<number, UnitChild[]>>({});
  const suffix = at ? `?at=${at}` : '';

  const treeData = useMemo(() => {
    const build = (u: UnitChild): Node => ({
      key: String(u.id),
      unit: u,
      isLeaf: u.childCount === 0,
      title: (
        // The name on its line, "Chi bộ · 43 đảng viên" whole below it (on a phone
        // the two wrapped into each other, with a gap in the middle).
        <span data-testid="unit-node" data-unit-id={u.id} style={{ display: 'inline-block', lineHeight: 1.35, padding: '2px 0' }}>
          <Link to={`/units/${u.id}${suffix}`} onClick={(e) => e.stopPropagation()} style={{ display: 'block' }}>
            {u.name}
          </Link>{' '}
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {unitKindLabel(t, u.kind)} · {t('units.memberCount', { count: u.memberCount })}
          </Typography.Text>
        </span>
      ),
      children: loaded[u.id]?.map(build),
    });
    return (roots.data?.items ?? []).map(build);
  }, [roots.data, loaded, t, suffix]);

  if (roots.isPending) return <PageLoading />;
  if (roots.isError) return <QueryError error={roots.error} onRetry={() => void roots.refetch()} />;
  if (!treeData.length) return <Empty description={t('units.noUnits')} />;

  async function loadData(node: Node) {
    if (loaded[node.unit.id]) return;
    try {
      const children = await queryClient.fetchQuery({ queryKey: unitKeys.children(node.unit.id, at), queryFn: () => fetchChildren(node.unit.id, at) });
      setLoaded((prev) => ({ ...prev, [node.unit.id]: children.items }));
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Tree<Node>
      treeData={treeData}
      loadData={loadData}
      defaultExpandedKeys={treeData.length === 1 ? [treeData[0]!.key] : []}
      onSelect={(_, info) => navigate(`/units/${info.node.unit.id}${suffix}`)}
      blockNode
      showLine
      data-testid="unit-tree"
    />
  );
}
