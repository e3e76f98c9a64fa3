import { describe, expect, it } from 'vitest';
import { renameSvgIds, renderVegaLiteSvg } from '../../sim/report/renderSvg.js';

describe('renameSvgIds', () => {
  it('renames ids in order of appearance and the references to them', () => {
    const svg = '<svg><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="gradient_3"/></defs>' +
      '<g clip-path="url(#clip7)"><path fill="url(#gradient_3)"/><path clip-path="url(#clip7)"/></g></svg>';
    expect(renameSvgIds(svg, 'chart-a')).toBe(
      '<svg><defs><clipPath id="chart-a-1"><rect/></clipPath><linearGradient id="chart-a-2"/></defs>' +
        '<g clip-path="url(#chart-a-1)"><path fill="url(#chart-a-2)"/><path clip-path="url(#chart-a-1)"/></g></svg>',
    );
  });
});

describe('renderVegaLiteSvg', () => {
  // A clipped layer makes Vega number a clip path from its process-wide counter.
  const spec = {
    data: { values: [{ a: 1, b: 2 }, { a: 3, b: 5 }] },
    mark: { type: 'line' as const, clip: true },
    encoding: { x: { field: 'a', type: 'quantitative' as const }, y: { field: 'b', type: 'quantitative' as const } },
  };

  it('gives the same SVG each time although Vega counts clip ids across renders', async () => {
    const first = await renderVegaLiteSvg(spec, 'x');
    const second = await renderVegaLiteSvg(spec, 'x');
    expect(first).toContain('id="x-1"');
    expect(first).toContain('url(#x-1)');
    expect(first).not.toMatch(/id="clip/);
    expect(second).toBe(first);
  });
});
