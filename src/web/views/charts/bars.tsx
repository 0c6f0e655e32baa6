/** Server-rendered SVG charts (no script): each one is a figure with a table alternative. */

export interface BarRow {
  label: string;
  /** The bar's length, 0..max. */
  value: number;
  /** What the table and the bar's end show ("4 of 9", "44 %"). */
  display: string;
  /** An optional mark on the bar's scale (a typical value, a Dunbar cap). */
  reference?: number;
}

/** Horizontal bars, one per row, with an optional reference tick per row. */
export function BarChart(p: {
  id: string;
  title: string;
  rows: BarRow[];
  max: number;
  referenceLabel?: string;
  columns: [string, string];
}) {
  const rowHeight = 34;
  const labelWidth = 230;
  const barWidth = 300;
  const width = labelWidth + barWidth + 110;
  const height = p.rows.length * rowHeight + 10;
  const scale = (v: number) => (p.max <= 0 ? 0 : Math.max(0, Math.min(1, v / p.max)) * barWidth);
  return (
    <figure class="chart" aria-labelledby={`${p.id}-caption`}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${p.id}-caption`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{p.title}</title>
        {p.rows.map((row, i) => {
          const y = 5 + i * rowHeight;
          return (
            <g>
              <text x={labelWidth - 8} y={y + 20} text-anchor="end" font-size="13" fill="currentColor">
                {row.label}
              </text>
              <rect x={labelWidth} y={y + 6} width={barWidth} height={20} fill="#8881" stroke="#8886" />
              <rect x={labelWidth} y={y + 6} width={scale(row.value)} height={20} fill="#2f7d6d" />
              {row.reference !== undefined && (
                <line
                  x1={labelWidth + scale(row.reference)}
                  x2={labelWidth + scale(row.reference)}
                  y1={y + 2}
                  y2={y + 30}
                  stroke="#c2410c"
                  stroke-width="3"
                  stroke-dasharray="4 2"
                />
              )}
              <text x={labelWidth + barWidth + 8} y={y + 20} font-size="13" fill="currentColor">
                {row.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id={`${p.id}-caption`}>
        {p.title}
        {p.referenceLabel ? ` — ${p.referenceLabel}` : ""}
      </figcaption>
      <details>
        <summary>{p.columns[0]}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{p.title}</th>
              <th scope="col">{p.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr>
                <th scope="row">{row.label}</th>
                <td>{row.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface Series {
  label: string;
  color: string;
  /** One value per category. */
  values: number[];
}

/** Grouped columns over categories (months), with a legend and a table alternative. */
export function ColumnChart(p: {
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  tableLabel: string;
  categoryLabel: string;
}) {
  const max = Math.max(1, ...p.series.flatMap((s) => s.values));
  const groupWidth = Math.max(36, p.series.length * 14 + 12);
  const chartHeight = 160;
  const left = 36;
  const width = left + p.categories.length * groupWidth + 10;
  const height = chartHeight + 70;
  const barW = (groupWidth - 12) / p.series.length;
  const ticks = [0, Math.ceil(max / 2), max];
  return (
    <figure class="chart" aria-labelledby={`${p.id}-caption`}>
      <svg
        viewBox={`0 0 ${Math.max(width, 320)} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${p.id}-caption`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{p.title}</title>
        {ticks.map((tick) => {
          const y = 10 + chartHeight - (tick / max) * chartHeight;
          return (
            <g>
              <line x1={left} x2={width} y1={y} y2={y} stroke="#8884" />
              <text x={left - 6} y={y + 4} text-anchor="end" font-size="11" fill="currentColor">
                {tick}
              </text>
            </g>
          );
        })}
        {p.categories.map((category, c) => (
          <g>
            {p.series.map((s, i) => {
              const v = s.values[c] ?? 0;
              const h = (v / max) * chartHeight;
              return (
                <rect
                  x={left + c * groupWidth + 6 + i * barW}
                  y={10 + chartHeight - h}
                  width={barW - 2}
                  height={h}
                  fill={s.color}
                />
              );
            })}
            <text
              x={left + c * groupWidth + groupWidth / 2}
              y={chartHeight + 26}
              text-anchor="middle"
              font-size="11"
              fill="currentColor"
            >
              {category}
            </text>
          </g>
        ))}
        {p.series.map((s, i) => (
          <g>
            <rect x={left + i * 130} y={chartHeight + 42} width={12} height={12} fill={s.color} />
            <text x={left + i * 130 + 16} y={chartHeight + 53} font-size="12" fill="currentColor">
              {s.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id={`${p.id}-caption`}>{p.title}</figcaption>
      <details>
        <summary>{p.tableLabel}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{p.categoryLabel}</th>
              {p.series.map((s) => (
                <th scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.categories.map((category, c) => (
              <tr>
                <th scope="row">{category}</th>
                {p.series.map((s) => (
                  <td>{s.values[c] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
