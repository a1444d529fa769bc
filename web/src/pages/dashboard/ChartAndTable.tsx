// A chart with its table beside it on a screen, above it on a phone. A wide table (the
// sub-units') goes under its chart on every screen: beside it, its last columns would
// scroll out of sight.

import { Col, Row } from 'antd';
import type { ReactNode } from 'react';

export function ChartAndTable({ chart, table, wide }: { chart: ReactNode; table: ReactNode; wide?: boolean }) {
  return (
    <Row gutter={[16, 12]}>
      <Col xs={24} lg={wide ? 24 : 13}>
        {chart}
      </Col>
      <Col xs={24} lg={wide ? 24 : 11} style={{ minWidth: 0 }}>
        {table}
      </Col>
    </Row>
  );
}
