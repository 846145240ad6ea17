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

  /* The page's address keeps the 台账's state, so a reload or a shared link shows the same rows:
   * a drop-down by its field's key (?问题类型=城建拆迁), the search as 关键字, the sort as 排序 (a
   * field's key) and 倒序=1, the page as 页, the columns shown as 栏目 (keys joined by ","), each
   * only when it differs from the start. The 台账 page's help line says so. */
  var KEY_QUERY = "关键字";
  var KEY_SORT = "排序";
  var KEY_DESC = "倒序";
  var KEY_PAGE = "页";
  var KEY_COLUMNS = "栏目";

  var uid = 0;
  function labelled(text, control, after) {
    uid += 1;
    control.id = "tz-ledger-" + uid;
    var wrap = make("span", after ? "tz-field tz-field--check" : "tz-field");
    var label = make("label", "", text);
    label.htmlFor = control.id;
    if (after) wrap.appendChild(control);
    wrap.appendChild(label);
    if (!after) wrap.appendChild(control);
    return wrap;
  }

  function button(text, onClick) {
    var b = make("button", "md-button tz-small-button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function Ledger(el, data) {
    var self = this;
    var where = el.getAttribute("data-where") || "";
    this.el = el;
    this.base = el.getAttribute("data-base") || "";
    this.columns = data.columns;
    this.printColumns = data.print || [];
    this.all = data.rows.filter(function (row) {
      return matches(row, where);
    });
    this.all.forEach(function (row) {
      row._text = row.c.join("\n").toLowerCase();
    });
    // A drop-down for each column with a list, offering the values present in the list's order.
    this.options = this.columns.map(function (col, index) {
      if (!col.select) return null;
      var values = {};
      self.all.forEach(function (row) {
        values[row.c[index]] = true;
      });
      var names = Object.keys(values).filter(function (v) {
        return v !== "";
      });
      return names.length < 2 ? null : names.sort(byOrder(col.order || []));
    });
    this.defaults = this.columns.map(function (col, index) {
      return index === 0 || col.first !== false;
    });
    this.restore(new URLSearchParams(window.location.search));
    this.render();
  }

  Ledger.prototype.restore = function (params) {
    var self = this;
    this.queryText = (params.get(KEY_QUERY) || "").trim();
    this.query = this.queryText.toLowerCase();
    this.selects = {};
    this.sortCol = -1;
    this.columns.forEach(function (col, index) {
      var value = params.get(col.key);
      if (value !== null && self.options[index] && self.options[index].indexOf(value) >= 0) {
        self.selects[index] = value;
      }
      if (col.key === params.get(KEY_SORT)) self.sortCol = index;
    });
    this.dir = this.sortCol >= 0 && params.get(KEY_DESC) === "1" ? -1 : 1;
    var page = parseInt(params.get(KEY_PAGE) || "1", 10);
    this.page = page > 1 ? page - 1 : 0;
    var keys = params.has(KEY_COLUMNS) ? params.get(KEY_COLUMNS).split(",") : null;
    this.shown = this.columns.map(function (col, index) {
      return keys ? index === 0 || keys.indexOf(col.key) >= 0 : self.defaults[index];
    });
  };

  Ledger.prototype.save = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    [KEY_QUERY, KEY_SORT, KEY_DESC, KEY_PAGE, KEY_COLUMNS].forEach(function (key) {
      params.delete(key);
    });
    this.columns.forEach(function (col, index) {
      params.delete(col.key);
    });
    if (this.queryText) params.set(KEY_QUERY, this.queryText);
    this.columns.forEach(function (col, index) {
      if (index in self.selects) params.set(col.key, self.selects[index]);
    });
    if (this.sortCol >= 0) params.set(KEY_SORT, this.columns[this.sortCol].key);
    if (this.sortCol >= 0 && this.dir < 0) params.set(KEY_DESC, "1");
    if (this.page > 0) params.set(KEY_PAGE, String(this.page + 1));
    if (this.shown.join() !== this.defaults.join()) {
      var keys = this.columns.filter(function (col, index) {
        return index > 0 && self.shown[index];
      });
      params.set(KEY_COLUMNS, keys.map(function (col) {
        return col.key;
      }).join(","));
    }
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  Ledger.prototype.render = function () {
    var self = this;
    var el = this.el;
    el.textContent = "";
    var controls = el.appendChild(make("div", "tz-ledger__controls"));
    var input = make("input", "tz-filter");
    input.type = "search";
    input.placeholder = "编号、姓名、诉求、措施……";
    input.value = this.queryText;
    input.addEventListener("input", function () {
      self.queryText = input.value.trim();
      self.query = self.queryText.toLowerCase();
      self.page = 0;
      self.update();
    });
    controls.appendChild(labelled("关键字", input));
    this.columns.forEach(function (col, index) {
      if (!self.options[index]) return;
      var select = make("select", "tz-select");
      select.setAttribute("data-col", col.title);
      select.appendChild(make("option", "", "全部")).value = "";
      self.options[index].forEach(function (name) {
        select.appendChild(make("option", "", name)).value = name;
      });
      select.value = self.selects[index] || "";
      select.addEventListener("change", function () {
        if (select.value === "") delete self.selects[index];
        else self.selects[index] = select.value;
        self.page = 0;
        self.update();
      });
      controls.appendChild(labelled(col.label, select));
    });
    el.appendChild(this.chooser());
    this.count = el.appendChild(make("p", "tz-ledger__count"));
    var wrap = el.appendChild(make("div", "tz-scroll"));
    this.table = wrap.appendChild(make("table", "tz-table tz-ledger__table"));
    var head = this.table.appendChild(make("thead")).appendChild(make("tr"));
    this.seqHead = head.appendChild(make("th", "", "序号"));
    this.headers = this.columns.map(function (col, index) {
      var th = head.appendChild(make("th", "tz-sortable tz-col--" + col.kind, col.title));
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
    this.body = this.table.appendChild(make("tbody"));
    this.pager = el.appendChild(make("p", "tz-pager"));
    this.update();
  };

  /* Which columns the screen shows: 编号 always (it opens the case), the rest as ticked. */
  Ledger.prototype.chooser = function () {
    var self = this;
    var details = make("details", "tz-columns");
    details.appendChild(make("summary", "", "选择显示的栏目"));
    var list = details.appendChild(make("div", "tz-columns__list"));
    var boxes = [];
    this.columns.forEach(function (col, index) {
      if (index === 0) return;
      var box = make("input");
      box.type = "checkbox";
      box.checked = self.shown[index];
      box.setAttribute("data-key", col.key);
      box.addEventListener("change", function () {
        self.shown[index] = box.checked;
        self.update();
      });
      boxes[index] = box;
      list.appendChild(labelled(col.label, box, true));
    });
    function showOnly(choice) {
      self.shown = self.columns.map(choice);
      boxes.forEach(function (box, index) {
        box.checked = self.shown[index];
      });
      self.update();
    }
    var actions = details.appendChild(make("p", "tz-columns__actions"));
    actions.appendChild(button("显示全部栏目", function () {
      showOnly(function () {
        return true;
      });
    }));
    actions.appendChild(button("恢复默认栏目", function () {
      showOnly(function (col, index) {
        return self.defaults[index];
      });
    }));
    return details;
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

  Ledger.prototype.row = function (row, seq) {
    var self = this;
    var tr = make("tr");
    tr.setAttribute("data-id", row.id);
    tr.appendChild(make("td", "", seq));
    this.columns.forEach(function (col, index) {
      var td = tr.appendChild(make("td", (col.wide ? "tz-clip " : "") + "tz-col--" + col.kind));
      td.hidden = !self.shown[index];
      var value = row.c[index];
      if (index === 0 && SAFE_ID.test(row.id) && SAFE_UNIT.test(row.u)) {
        var a = td.appendChild(make("a", "", value));
        a.href = self.base + "cases/" + row.u + "/" + row.id + ".html";
      } else {
        td.textContent = value === null || value === undefined ? "" : String(value);
      }
    });
    return tr;
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
      th.hidden = !self.shown[index];
      if (index === self.sortCol) th.setAttribute("aria-sort", self.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    var body = this.body;
    body.textContent = "";
    rows.slice(start, start + PAGE_SIZE).forEach(function (row, i) {
      body.appendChild(self.row(row, start + i + 1));
    });
    if (rows.length === 0) {
      var td = body.appendChild(make("tr")).appendChild(make("td", "", "没有符合条件的案件。"));
      td.colSpan = this.columns.length + 1;
    }
    // 编号 stays in view beside 序号 when the table scrolls sideways (taizhang.css).
    this.table.style.setProperty("--tz-seq-width", this.seqHead.getBoundingClientRect().width + "px");
    this.pages(pages);
    this.save();
  };

  Ledger.prototype.pages = function (pages) {
    var self = this;
    this.pager.textContent = "";
    if (pages <= 1) return;
    var prev = this.pager.appendChild(button("上一页", function () {
      self.page -= 1;
      self.update();
    }));
    prev.disabled = this.page === 0;
    this.pager.appendChild(make("span", "tz-pager__where", " 第 " + (this.page + 1) + " / " + pages + " 页 "));
    var next = this.pager.appendChild(button("下一页", function () {
      self.page += 1;
      self.update();
    }));
    next.disabled = this.page >= pages - 1;
  };

  /* The printed 台账 (the 台账 page's 打印台账 button, or the browser's own print command): every
   * case of this table in the columns of the Excel 附件1, built from the data when first printed
   * so that no page carries thousands of rows; the page's screen content is hidden in print. */
  Ledger.prototype.printView = function () {
    if (this.printed) return this.printed;
    var cols = this.printColumns;
    var view = make("div", "tz-print-view");
    var heading = document.querySelector(".md-content h1");
    view.appendChild(make("p", "tz-print-view__title", heading ? heading.textContent : "台账"));
    var note = "共 " + this.all.length + " 件";
    var banner = document.querySelector(".tz-privacy-banner");
    if (banner) note += "。" + banner.textContent.trim();
    view.appendChild(make("p", "tz-print-view__note", note));
    var table = view.appendChild(make("table", "tz-print-table"));
    var group = table.appendChild(make("colgroup"));
    var total = cols.reduce(function (sum, c) {
      return sum + c.width;
    }, 0);
    var head = table.appendChild(make("thead")).appendChild(make("tr"));
    cols.forEach(function (c) {
      group.appendChild(make("col")).style.width = ((100 * c.width) / total).toFixed(2) + "%";
      head.appendChild(make("th", "", c.title));
    });
    var body = table.appendChild(make("tbody"));
    this.all.forEach(function (row, i) {
      var tr = body.appendChild(make("tr"));
      cols.forEach(function (c) {
        var value = c.seq ? i + 1 : c.col === null || c.col === undefined ? "" : row.c[c.col];
        tr.appendChild(make("td", "", value === null ? "" : value));
      });
    });
    this.printed = document.body.appendChild(view);
    return view;
  };

  function printable(ledger, trigger) {
    document.documentElement.classList.add("tz-ledger-printable");
    function build() {
      ledger.printView();
    }
    window.addEventListener("beforeprint", build);
    if (window.matchMedia) {
      var media = window.matchMedia("print");
      if (media.addEventListener) media.addEventListener("change", build);
    }
    // The button comes with the data: without it (or without scripts) it could print nothing.
    trigger.appendChild(button("打印台账", function () {
      build();
      window.print();
    }));
  }

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
    var trigger = document.querySelector(".tz-ledger-print");
    Array.prototype.forEach.call(document.querySelectorAll(".tz-ledger"), function (el) {
      load(el.getAttribute("data-src"))
        .then(function (data) {
          el.ledger = new Ledger(el, data);
          if (trigger) printable(el.ledger, trigger);
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
