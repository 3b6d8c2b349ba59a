#!/usr/bin/env python3
# Draws media/icon.png (the Marketplace icon, 128×128) with ImageMagick:
# a mixture of two Gaussians over a dark tile, with a ✓ badge.
# Usage: python3 scripts/make-icon.py   (needs `convert`, e.g. apt-get install imagemagick)
import math, subprocess, os

S = 128
def mix(x):
    g = lambda m, s, w: w * math.exp(-0.5 * ((x - m) / s) ** 2) / s
    return g(-1.1, 0.55, 0.45) + g(1.0, 0.75, 0.55)
xs = [-3 + 6 * i / 120 for i in range(121)]
top = max(mix(x) for x in xs)
pts = [(14 + 100 * (x + 3) / 6, 100 - 62 * mix(x) / top) for x in xs]
curve = ' '.join(f'{x:.1f},{y:.1f}' for x, y in pts)
area = f'14,100 {curve} 114,100'
CONVERT = '/usr/bin/convert' if os.path.exists('/usr/bin/convert') else 'convert'
out = os.path.join(os.path.dirname(__file__), '..', 'media', 'icon.png')
subprocess.run([
    CONVERT, '-size', f'{S}x{S}', 'xc:none',
    '-fill', '#1f3b57', '-draw', f'roundrectangle 2,2 {S-3},{S-3} 22,22',
    '-fill', '#3d7fb855', '-stroke', 'none', '-draw', f'polygon {area}',
    '-fill', 'none', '-stroke', '#e8f1fa', '-strokewidth', '5', '-draw', f'polyline {curve}',
    '-stroke', '#e8f1fa', '-strokewidth', '3', '-draw', 'line 12,101 116,101',
    '-stroke', 'none', '-fill', '#2ea043', '-draw', 'circle 98,30 98,8',
    '-fill', 'none', '-stroke', 'white', '-strokewidth', '6', '-draw', 'polyline 87,30 95,39 110,22',
    out,
], check=True)
print('wrote', os.path.normpath(out))
