/* 台账网站的表格：排序、筛选、分页；台账表格从 data/ledger.json 读取。
 * 案件文字一律经 textContent 写入页面，从不拼接成 HTML。 */
(function () {
  "use strict";

  var PAGE_SIZE = 50;
  var SAFE_ID = /^[a-z][a-z0-9]*(-[0-9]+)+$/;
  var SAFE_UNIT = /^[a-z][a-z0-9]*$/;
  var collator = new Intl.Collator("zh-Hans-CN", { numeric: true });

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  function compare(a, b) {
    var emptyA = a === "" || a === null || a === undefined;
    var emptyB = b === "" || b === null || b === undefined;
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return collator.compare(String(a), String(b));
  }

  /* A drop-down's values in the ledger's own order (the profile's lists, the campaign's units);
   * anything not in it comes after, in collation order. */
  function byOrder(order) {
    return function (a, b) {
      var i = order.indexOf(a);
      var j = order.indexOf(b);
      if (i < 0) i = order.length;
      if (j < 0) j = order.length;
      return i - j || collator.compare(a, b);
    };
  }

  /* Tables rendered into the page: click a header to sort, type to filter. */
  function sortValue(cell) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    var num = Number(raw.replace(/%$/, ""));
    return raw !== "" && raw !== "—" && !isNaN(num) ? num : raw === "—" ? "" : raw;
  }

  function enhanceStatic(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var rows = Array.prototype.slice.call(body.rows);
    var wrap = make("div", "tz-scroll");
    table.parentNode.insertBefore(wrap, table);
    if (rows.length > 5) {
      var input = make("input", "tz-filter");
      input.type = "search";
      input.placeholder = "输入关键字筛选本表";
      input.setAttribute("aria-label", "筛选本表");
      wrap.parentNode.insertBefore(input, wrap);
      input.addEventListener("input", function () {
        var q = input.value.trim().toLowerCase();
        rows.forEach(function (r) {
          r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
        });
      });
    }
    wrap.appendChild(table);
    var state = { col: -1, dir: 1 };
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.classList.add("tz-sortable");
      th.setAttribute("role", "button");
      th.tabIndex = 0;
      function sort() {
        state.dir = state.col === index ? -state.dir : 1;
        state.col = index;
        var keyed = rows.map(function (r, i) {
          return { row: r, key: sortValue(r.cells[index]), i: i };
        });
        keyed.sort(function (a, b) {
          return compare(a.key, b.key) * state.dir || a.i - b.i;
        });
        keyed.forEach(function (k) {
          body.appendChild(k.row);
        });
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          sort();
        }
      });
    });
  }

  /* The 台账: rows from data/ledger.json, filtered to this page's cases by data-where. */
  function matches(row, where) {
    if (!where) return true;
    var eq = where.indexOf("=");
    var key = where.slice(0, eq);
    var value = where.slice(eq + 1);
    if (key === "f") return String(row.f).indexOf(value) >= 0;
    return String(row[key]) === value;
  }

  function Ledger(el, data) {
    var where = el.getAttribute("data-where") || "";
    var base = el.getAttribute("data-base") || "";
    this.el = el;
    this.base = base;
    this.columns = data.columns;
    this.all = data.rows.filter(function (row) {
      return matches(row, where);
    });
    this.all.forEach(function (row) {
      row._text = row.c.join("\n").toLowerCase();
    });
    this.query = "";
    this.selects = {};
    this.sortCol = -1;
    this.dir = 1;
    this.page = 0;
    this.render();
  }

  Ledger.prototype.render = function () {
    var self = this;
    var el = this.el;
    el.textContent = "";
    var controls = make("div", "tz-ledger__controls");
    var input = make("input", "tz-filter");
    input.type = "search";
    input.placeholder = "输入关键字筛选（编号、姓名、诉求、措施……）";
    input.setAttribute("aria-label", "筛选台账");
    input.addEventListener("input", function () {
      self.query = input.value.trim().toLowerCase();
      self.page = 0;
      self.update();
    });
    controls.appendChild(input);
    this.columns.forEach(function (col, index) {
      if (!col.select) return;
      var values = {};
      self.all.forEach(function (row) {
        values[row.c[index]] = true;
      });
      var names = Object.keys(values).filter(function (v) {
        return v !== "";
      });
      if (names.length < 2) return;
      names.sort(byOrder(col.order || []));
      var select = make("select", "tz-select");
      select.setAttribute("aria-label", col.title);
      select.setAttribute("data-col", col.title);
      select.appendChild(make("option", "", "全部" + col.title)).value = "";
      names.forEach(function (name) {
        select.appendChild(make("option", "", name)).value = name;
      });
      select.addEventListener("change", function () {
        if (select.value === "") delete self.selects[index];
        else self.selects[index] = select.value;
        self.page = 0;
        self.update();
      });
      controls.appendChild(select);
    });
    el.appendChild(controls);
    this.count = el.appendChild(make("p", "tz-ledger__count"));
    var wrap = el.appendChild(make("div", "tz-scroll"));
    var table = wrap.appendChild(make("table", "tz-table tz-ledger__table"));
    var head = table.appendChild(make("thead")).appendChild(make("tr"));
    head.appendChild(make("th", "", "序号"));
    this.headers = this.columns.map(function (col, index) {
      var th = head.appendChild(make("th", "tz-sortable", col.title));
      th.setAttribute("role", "button");
      th.tabIndex = 0;
      function sort() {
        self.dir = self.sortCol === index ? -self.dir : 1;
        self.sortCol = index;
        self.page = 0;
        self.update();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          sort();
        }
      });
      return th;
    });
    this.body = table.appendChild(make("tbody"));
    this.pager = el.appendChild(make("p", "tz-pager"));
    this.update();
  };

  Ledger.prototype.visible = function () {
    var self = this;
    var rows = this.all.filter(function (row) {
      if (self.query && row._text.indexOf(self.query) < 0) return false;
      for (var key in self.selects) {
        if (String(row.c[key]) !== self.selects[key]) return false;
      }
      return true;
    });
    if (this.sortCol >= 0) {
      var col = this.sortCol;
      var dir = this.dir;
      rows = rows
        .map(function (row, i) {
          return { row: row, i: i };
        })
        .sort(function (a, b) {
          return compare(a.row.c[col], b.row.c[col]) * dir || a.i - b.i;
        })
        .map(function (k) {
          return k.row;
        });
    }
    return rows;
  };

  Ledger.prototype.update = function () {
    var self = this;
    var rows = this.visible();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    if (this.page >= pages) this.page = pages - 1;
    var start = this.page * PAGE_SIZE;
    this.count.textContent =
      rows.length === this.all.length
        ? "共 " + this.all.length + " 件"
        : "筛选出 " + rows.length + " 件（共 " + this.all.length + " 件）";
    this.headers.forEach(function (th, index) {
      if (index === self.sortCol) th.setAttribute("aria-sort", self.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    var body = this.body;
    body.textContent = "";
    rows.slice(start, start + PAGE_SIZE).forEach(function (row, i) {
      var tr = body.appendChild(make("tr"));
      tr.setAttribute("data-id", row.id);
      tr.appendChild(make("td", "", start + i + 1));
      self.columns.forEach(function (col, index) {
        var td = tr.appendChild(make("td", col.wide ? "tz-clip" : ""));
        var value = row.c[index];
        if (index === 0 && SAFE_ID.test(row.id) && SAFE_UNIT.test(row.u)) {
          var a = td.appendChild(make("a", "", value));
          a.href = self.base + "cases/" + row.u + "/" + row.id + ".html";
        } else {
          td.textContent = value === null || value === undefined ? "" : String(value);
        }
      });
    });
    if (rows.length === 0) {
      var tr = body.appendChild(make("tr"));
      var td = tr.appendChild(make("td", "", "没有符合条件的案件。"));
      td.colSpan = this.columns.length + 1;
    }
    this.pager.textContent = "";
    if (pages > 1) {
      var prev = this.pager.appendChild(make("button", "md-button", "上一页"));
      prev.type = "button";
      prev.disabled = this.page === 0;
      prev.addEventListener("click", function () {
        self.page -= 1;
        self.update();
      });
      this.pager.appendChild(make("span", "tz-pager__where", " 第 " + (this.page + 1) + " / " + pages + " 页 "));
      var next = this.pager.appendChild(make("button", "md-button", "下一页"));
      next.type = "button";
      next.disabled = this.page >= pages - 1;
      next.addEventListener("click", function () {
        self.page += 1;
        self.update();
      });
    }
  };

  var cache = {};
  function load(src) {
    if (!cache[src]) {
      cache[src] = fetch(src).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      });
    }
    return cache[src];
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-tz-sort]"), enhanceStatic);
    Array.prototype.forEach.call(document.querySelectorAll(".tz-ledger"), function (el) {
      load(el.getAttribute("data-src"))
        .then(function (data) {
          el.ledger = new Ledger(el, data);
        })
        .catch(function (err) {
          el.textContent = "";
          el.appendChild(make("p", "tz-error", "台账数据载入失败：" + err.message));
        });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.tz-print"), function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
