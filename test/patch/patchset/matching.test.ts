import { describe, expect, it } from 'vitest';
import { nearestLines } from '../../../src/patch/patchset/matching.js';

describe('nearestLines', () => {
  it('finds the most similar lines for a regex, best first, with line numbers', () => {
    const text = ["source 'x'", "gem 'hiredis', '~> 0.7'", "gem 'redis', '~> 4.5'", "gem 'rails'"].join('\n');
    const near = nearestLines(text, "^gem 'hiredis', '~> 0\\.6'$");
    expect(near[0]).toEqual({ line: 2, text: "gem 'hiredis', '~> 0.7'" });
    expect(near.map((n) => n.line)).toContain(3);
  });

  it('compares a multi-line pattern by its most distinctive line', () => {
    const text = ['  def flags', "    ''", '  end', '', '  def suffix', "    ENV['X']", '  end'].join('\n');
    expect(nearestLines(text, "def suffix\\n\\s*''\\n\\s*end")[0]).toEqual({ line: 5, text: '  def suffix' });
  });
});
