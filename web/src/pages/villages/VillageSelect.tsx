// "Thôn/bản nơi cư trú" on the member form: the villages of the cell's commune (or of the
// cell itself, for who sees only the cell), as they are today, grouped by cell.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api/client.ts';
import { useUnit } from '../../api/units.ts';
import type { Villages } from '../../api/villages.ts';
import { useT } from '../../i18n/i18n.ts';

interface Props {
  cellId: number | undefined;
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
}

export function VillageSelect({ cellId, value, onChange, id }: Props) {
  const t = useT();
  const unit = useUnit(cellId ?? 0, null);
  const parentId = unit.data?.ancestors.at(-1)?.id;
  const villages = useQuery({
    queryKey: ['villages', 'choices', cellId, parentId],
    queryFn: () =>
      parentId
        ? api<Villages>(`/units/${parentId}/villages`).catch(() => api<Villages>(`/units/${cellId}/villages`))
        : api<Villages>(`/units/${cellId}/villages`),
    enabled: !!cellId && !unit.isPending,
  });
  const cells = [...new Set((villages.data?.villages ?? []).map((v) => v.cellName))];
  return (
    <Select<number | null>
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!cellId}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('villages.choose')}
      notFoundContent={t('villages.noneToChoose')}
      loading={villages.isFetching}
      options={cells.map((cell) => ({
        label: cell,
        options: (villages.data?.villages ?? []).filter((v) => v.cellName === cell).map((v) => ({ value: v.id, label: v.name })),
      }))}
      data-testid="member-field-villageId"
    />
  );
}
