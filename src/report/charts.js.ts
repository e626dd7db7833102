/**
 * The report's charts, drawn in the browser with d3 from the data embedded in the page: the
 * timeline, the cascade graph, the harm map and the bar charts. Kept as a string: the HTML report
 * is one self-contained file (d3 inlined beside it), so it opens and prints anywhere offline.
 */
export const CHARTS_JS = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var M = data.model, S = data.scorecard, L = data.labels;
  var W = 900;
  function clock(t) {
    var total = data.startMinutes + t, day = Math.floor(total / 1440), m = Math.round(total - day * 1440);
    var hh = String(Math.floor(m / 60) % 24).padStart(2, '0'), mm = String(m % 60).padStart(2, '0');
    return (day > 0 ? 'D+' + day + ' ' : '') + hh + ':' + mm;
  }
  var LANE_COLOUR = { hazard: '#c2410c', command: '#1d4ed8', reporting: '#7c3aed', warning: '#b45309', teams: '#047857', injects: '#475569' };

  function timeline() {
    var items = M.timeline.filter(function (d) { return d.type !== 'exercise.ended'; });
    var root = d3.select('#chart-timeline');
    if (!items.length) return;
    var laneH = 34, left = 150, top = 10, h = top + M.lanes.length * laneH + 36;
    var tMax = d3.max(items, function (d) { return d.t; }) || 60;
    var x = d3.scaleLinear().domain([0, tMax * 1.04]).range([left, W - 16]);
    var y = function (lane) { return top + M.lanes.indexOf(lane) * laneH + laneH / 2; };
    var svg = root.append('svg').attr('viewBox', '0 0 ' + W + ' ' + h).attr('role', 'img').attr('aria-label', L.timeline);
    svg.append('g').selectAll('path').data(M.lanes).join('path')
      .attr('d', function (l) { return 'M' + left + ',' + y(l) + 'H' + (W - 16); })
      .attr('stroke', '#d1d5db').attr('stroke-width', 1);
    svg.append('g').selectAll('text').data(M.lanes).join('text')
      .attr('x', left - 10).attr('y', function (l) { return y(l) + 4; }).attr('text-anchor', 'end').attr('class', 'lane')
      .text(function (l) { return L.lanes[l]; });
    var ticks = x.ticks(8);
    svg.append('g').attr('transform', 'translate(0,' + (h - 28) + ')')
      .call(d3.axisBottom(x).tickValues(ticks).tickFormat(clock));
    svg.append('g').selectAll('circle').data(items).join('circle')
      .attr('cx', function (d) { return x(d.t); }).attr('cy', function (d) { return y(d.lane); }).attr('r', 5)
      .attr('fill', function (d) { return LANE_COLOUR[d.lane]; }).attr('fill-opacity', 0.8).attr('stroke', '#fff')
      .append('title').text(function (d) { return d.clock + '  ' + d.text + '  (#' + d.seq + ')'; });
  }

  function cascade() {
    var root = d3.select('#chart-cascade');
    if (!M.nodes.length) return;
    var byDepth = d3.group(M.nodes, function (n) { return n.depth; });
    var depths = Array.from(byDepth.keys()).sort(d3.ascending);
    var rows = d3.max(depths, function (k) { return byDepth.get(k).length; });
    var colW = 320, rowH = 64, h = Math.max(90, rows * rowH + 20);
    var pos = {};
    depths.forEach(function (k, i) {
      byDepth.get(k).forEach(function (n, j) { pos[n.id] = { x: 20 + i * colW, y: 20 + j * rowH + (h - 20 - byDepth.get(k).length * rowH) / 2 }; });
    });
    var svg = root.append('svg').attr('viewBox', '0 0 ' + Math.max(W, depths.length * colW + 40) + ' ' + h).attr('role', 'img').attr('aria-label', L.cascade);
    var link = d3.linkHorizontal().x(function (d) { return d[0]; }).y(function (d) { return d[1]; });
    svg.append('g').selectAll('path').data(M.links).join('path')
      .attr('d', function (l) { var a = pos[l.source], b = pos[l.target]; return link({ source: [a.x + 210, a.y + 20], target: [b.x, b.y + 20] }); })
      .attr('fill', 'none').attr('stroke', function (l) { return l.prevented ? '#16a34a' : '#b91c1c'; }).attr('stroke-width', 2)
      .attr('stroke-dasharray', function (l) { return l.prevented ? '6 4' : null; });
    svg.append('g').selectAll('text').data(M.links).join('text').attr('class', 'small')
      .attr('x', function (l) { return (pos[l.source].x + 210 + pos[l.target].x) / 2; })
      .attr('y', function (l) { return (pos[l.source].y + pos[l.target].y) / 2 + 14; }).attr('text-anchor', 'middle').attr('class', 'small maplabel')
      .text(function (l) { return l.rule + (l.prevented ? ' (' + L.prevented + ')' : ''); });
    var g = svg.append('g').selectAll('g').data(M.nodes).join('g').attr('transform', function (n) { return 'translate(' + pos[n.id].x + ',' + pos[n.id].y + ')'; });
    g.append('path').attr('d', 'M6,0H204Q210,0 210,6V34Q210,40 204,40H6Q0,40 0,34V6Q0,0 6,0Z')
      .attr('fill', function (n) { return n.prevented ? '#dcfce7' : n.depth === 0 ? '#fee2e2' : '#fecaca'; })
      .attr('stroke', function (n) { return n.prevented ? '#16a34a' : '#b91c1c'; });
    g.append('text').attr('x', 8).attr('y', 17).attr('class', 'node').text(function (n) { return n.label.length > 24 ? n.label.slice(0, 23) + '…' : n.label; });
    g.append('text').attr('x', 8).attr('y', 33).attr('class', 'small').text(function (n) { return clock(n.t) + (n.kind ? '  ' + n.kind : ''); });
  }

  function map() {
    var root = d3.select('#chart-map');
    var features = M.map.features.map(function (f) {
      return { type: 'Feature', properties: f, geometry: { type: 'MultiPolygon', coordinates: f.polygons } };
    });
    if (!features.length) return;
    var fc = { type: 'FeatureCollection', features: features };
    var h = 560, w = W;
    var e = M.map.extent;
    var box = { type: 'Polygon', coordinates: [[[e[0][0], e[0][1]], [e[1][0], e[0][1]], [e[1][0], e[1][1]], [e[0][0], e[1][1]], [e[0][0], e[0][1]]]] };
    var proj = d3.geoIdentity().reflectY(true).fitExtent([[10, 10], [w - 230, h - 10]], box);
    var path = d3.geoPath(proj);
    var fill = ['#f3f4f6', '#fde68a', '#fb923c', '#dc2626'];
    var svg = root.append('svg').attr('viewBox', '0 0 ' + w + ' ' + h).attr('role', 'img').attr('aria-label', L.harmMap);
    svg.append('clipPath').attr('id', 'map-clip').append('path').attr('d', path(box));
    var clipped = svg.append('g').attr('clip-path', 'url(#map-clip)');
    clipped.append('g').selectAll('path').data(features).join('path').attr('d', path)
      .attr('fill', function (f) { return fill[Math.min(3, f.properties.harmLevel)]; })
      .attr('stroke', function (f) { return f.properties.warned ? ({ blue: '#2563eb', yellow: '#ca8a04', orange: '#ea580c', red: '#dc2626' })[f.properties.warned] || '#374151' : '#6b7280'; })
      .attr('stroke-width', function (f) { return f.properties.warned ? 2.5 : 0.8; })
      .append('title').text(function (f) { return f.properties.name + ': ' + f.properties.people; });
    svg.append('path').attr('d', path(box)).attr('fill', 'none').attr('stroke', '#374151').attr('stroke-width', 1);
    // Label each district at the sample point of the frame deepest inside it (farthest from any
    // point outside it): a district's centroid may lie outside it or outside the frame.
    var b = path.bounds(box), samples = [];
    for (var x = b[0][0] + 30; x < b[1][0] - 30; x += 14) for (var y = b[0][1] + 12; y < b[1][1] - 12; y += 14) samples.push([x, y]);
    var labelled = features.map(function (f) {
      var polys = f.properties.polygons.map(function (poly) { return poly.map(function (ring) { return ring.map(proj); }); });
      var isIn = function (pt) { return polys.some(function (rings) { return d3.polygonContains(rings[0], pt) && !rings.slice(1).some(function (h) { return d3.polygonContains(h, pt); }); }); };
      var inside = [], outside = [];
      samples.forEach(function (pt) { (isIn(pt) ? inside : outside).push(pt); });
      if (inside.length < 4) return null;
      var depth = function (q) {
        var edge = Math.min(q[0] - b[0][0], b[1][0] - q[0], q[1] - b[0][1], b[1][1] - q[1]);
        var near = d3.min(outside, function (o) { return Math.hypot(q[0] - o[0], q[1] - o[1]); });
        return Math.min(edge, near === undefined ? Infinity : near);
      };
      var best = d3.greatest(inside, depth);
      return { f: f, x: best[0], y: best[1] };
    }).filter(function (l) { return l !== null; });
    clipped.append('g').selectAll('text').data(labelled).join('text').attr('class', 'small maplabel').attr('text-anchor', 'middle')
      .attr('transform', function (l) { return 'translate(' + l.x + ',' + l.y + ')'; })
      .text(function (l) { return l.f.properties.name + (l.f.properties.people ? ' ' + l.f.properties.people : ''); });
    svg.append('g').selectAll('circle').data(M.map.points).join('circle')
      .attr('cx', function (p) { return proj([p.x, p.y])[0]; }).attr('cy', function (p) { return proj([p.x, p.y])[1]; })
      .attr('r', 6).attr('fill', '#111827').attr('stroke', '#fff').attr('stroke-width', 2);
    var lg = svg.append('g').attr('transform', 'translate(' + (w - 210) + ',20)');
    var items = [[0, L.legendNone], [1, 'AEGL-1'], [2, 'AEGL-2'], [3, 'AEGL-3']];
    lg.selectAll('rect').data(items).join('rect').attr('x', 0).attr('y', function (d, i) { return i * 24; }).attr('width', 18).attr('height', 16)
      .attr('fill', function (d) { return fill[d[0]]; }).attr('stroke', '#6b7280');
    lg.selectAll('text').data(items).join('text').attr('x', 26).attr('y', function (d, i) { return i * 24 + 13; }).attr('class', 'small').text(function (d) { return d[1]; });
    lg.append('text').attr('x', 0).attr('y', 4 * 24 + 14).attr('class', 'small').text(L.legendWarned);
    lg.append('path').attr('d', 'M0,' + (5 * 24 + 2) + 'h18').attr('stroke', '#ea580c').attr('stroke-width', 2.5);
    lg.append('text').attr('x', 26).attr('y', 5 * 24 + 6).attr('class', 'small').text(L.legendWarnedLine);
    lg.append('circle').attr('cx', 9).attr('cy', 6 * 24 + 2).attr('r', 6).attr('fill', '#111827');
    lg.append('text').attr('x', 26).attr('y', 6 * 24 + 6).attr('class', 'small').text(L.legendIncident);
  }

  function bars(id, rows, max, fmt) {
    var root = d3.select(id);
    if (!rows.length) return;
    var left = 260, rowH = 26, h = rows.length * rowH + 30;
    var x = d3.scaleLinear().domain([0, max || 1]).range([left, W - 60]);
    var svg = root.append('svg').attr('viewBox', '0 0 ' + W + ' ' + h).attr('role', 'img');
    var g = svg.selectAll('g').data(rows).join('g').attr('transform', function (d, i) { return 'translate(0,' + (i * rowH + 6) + ')'; });
    g.append('text').attr('x', left - 8).attr('y', 14).attr('text-anchor', 'end').attr('class', 'small').text(function (d) { return d.label; });
    g.append('path').attr('d', function (d) { return 'M' + left + ',2H' + x(Math.min(max, Math.max(0, d.value))) + 'V18H' + left + 'Z'; })
      .attr('fill', function (d) { return d.colour || '#2563eb'; });
    g.filter(function (d) { return d.mark !== undefined && d.mark !== null; }).append('path')
      .attr('d', function (d) { return 'M' + x(Math.min(max, d.mark)) + ',-1V21'; }).attr('stroke', '#111827').attr('stroke-width', 2).attr('stroke-dasharray', '3 2');
    g.append('text').attr('x', function (d) { return x(Math.min(max, Math.max(0, d.value))) + 6; }).attr('y', 14).attr('class', 'small').text(function (d) { return fmt(d); });
    svg.append('g').attr('transform', 'translate(0,' + (h - 22) + ')').call(d3.axisBottom(x).ticks(6));
  }

  timeline();
  cascade();
  map();
  var RC = { P: '#16a34a', S: '#65a30d', M: '#d97706', U: '#dc2626' };
  bars('#chart-sheet', S.sheet.categories.filter(function (c) { return c.score !== null; }).map(function (c) {
    return { label: c.name[data.lang], value: 100 * c.score / c.weight, colour: '#1d4ed8' };
  }), 100, function (d) { return Math.round(d.value) + '%'; });
  bars('#chart-times', data.timeBars.map(function (b) {
    return { label: b.label, value: b.value === null ? 0 : b.value, mark: b.mark, colour: b.rating ? RC[b.rating] : '#9ca3af', never: b.value === null };
  }), d3.max(data.timeBars, function (b) { return Math.max(b.value || 0, b.mark || 0); }) * 1.1, function (d) { return d.never ? L.never : Math.round(d.value) + ' min'; });
})();
`;
