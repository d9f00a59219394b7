// The API documentation page: reads the OpenAPI document the API serves (GET /api/openapi.json) and shows
// each route: method and path, who may call it, its parameters and JSON body with their rules, its answers
// and the problem codes it can answer. The page's own texts are in api-texts.js; the routes' summaries and
// field descriptions come from the document, in English (marked lang="en" on the French page).
(function () {
  "use strict";

  var LANGUAGE = window.SolidaireLanguage;
  var METHODS = ["get", "post", "put", "patch", "delete"];
  var PROBLEM = "application/problem+json";
  var documentUrl = window.SolidaireForms.apiBase() + "/api/openapi.json";
  var spec = null;
  var failed = false;
  var lang = LANGUAGE.initial();

  function t(key, vars) {
    return LANGUAGE.text(lang, key, vars);
  }

  /** An element with attributes and children (strings become text: nothing from the document is parsed as HTML). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** Text of the document (English): marked as such on a page in another language. */
  function english(text) {
    return lang === "en" ? el("span", {}, [text]) : el("span", { lang: "en" }, [text]);
  }

  function resolve(schema) {
    var ref = schema && schema.$ref;
    if (typeof ref !== "string" || ref.indexOf("#/components/schemas/") !== 0) return schema || {};
    return (spec.components && spec.components.schemas && spec.components.schemas[ref.slice(21)]) || {};
  }

  function typeOf(schema) {
    return Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  }

  function values(list) {
    return list.map(function (v) { return typeof v === "string" ? v : JSON.stringify(v); }).join(", ");
  }

  /** The rules a value must follow, as the document states them. */
  function rules(schema, required) {
    var items = [];
    if (required !== undefined) items.push(t(required ? "rule.required" : "rule.optional"));
    if (schema.oneOf) items.push(t("rule.variant"));
    if (typeOf(schema)) items.push(t("rule.type", { type: typeOf(schema) }));
    if (schema.format) items.push(t("rule.format", { format: schema.format }));
    if (Array.isArray(schema.enum)) items.push(t("rule.oneOf", { values: values(schema.enum) }));
    if (schema.maxLength !== undefined) {
      items.push(schema.minLength > 1
        ? t("rule.length", { min: schema.minLength, max: schema.maxLength })
        : t("rule.maxLength", { max: schema.maxLength }));
    }
    if (schema.minimum !== undefined && schema.maximum !== undefined) items.push(t("rule.range", { min: schema.minimum, max: schema.maximum }));
    else if (schema.minimum !== undefined) items.push(t("rule.min", { min: schema.minimum }));
    else if (schema.maximum !== undefined) items.push(t("rule.max", { max: schema.maximum }));
    if (schema.exclusiveMinimum !== undefined) items.push(t("rule.above", { min: schema.exclusiveMinimum }));
    if (schema.multipleOf !== undefined) items.push(t("rule.step", { step: schema.multipleOf }));
    if (schema.maxItems !== undefined) items.push(t("rule.items", { min: schema.minItems || 0, max: schema.maxItems }));
    if (schema.items && Array.isArray(resolve(schema.items).enum)) items.push(t("rule.oneOf", { values: values(resolve(schema.items).enum) }));
    if (schema.pattern) items.push(t("rule.pattern", { pattern: schema.pattern }));
    var list = el("ul", {}, items.map(function (item) { return el("li", {}, [item]); }));
    if (schema.description) list.appendChild(el("li", {}, [english(schema.description)]));
    return list;
  }

  function table(caption, headers, rows) {
    return el("table", {}, [
      el("caption", {}, [caption]),
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (cell, i) {
          return i === 0 ? el("th", { scope: "row" }, [cell]) : el("td", {}, [cell]);
        }));
      })),
    ]);
  }

  /** One row per field, nested objects and the variants of a oneOf as dotted names. */
  function fieldRows(schema, prefix, rows) {
    schema = resolve(schema);
    var required = schema.required || [];
    Object.keys(schema.properties || {}).forEach(function (name) {
      var field = resolve(schema.properties[name]);
      rows.push([el("code", {}, [prefix + name]), rules(field, required.indexOf(name) >= 0)]);
      if (field.properties) fieldRows(field, prefix + name + ".", rows);
      (field.oneOf || []).forEach(function (variant, i) { fieldRows(variant, prefix + name + "[" + (i + 1) + "].", rows); });
    });
    return rows;
  }

  function answerMeaning(answer) {
    var problem = answer.content && answer.content[PROBLEM];
    var schema = problem && problem.schema;
    var codes = schema && schema.properties && schema.properties.code && schema.properties.code.enum;
    if (!codes) return english(answer.description || "");
    return el("div", {}, [
      t("answer.problems"),
      el("ul", {}, codes.map(function (code) { return el("li", {}, [el("code", {}, [code])]); })),
    ]);
  }

  function section(route) {
    var op = route.operation;
    var id = "route-" + (op.operationId || route.method + route.path).replace(/[^A-Za-z0-9_-]/g, "-");
    var name = route.method.toUpperCase() + " " + route.path;
    var scheme = (op.security || []).map(function (requirement) { return Object.keys(requirement)[0]; })[0];
    var parts = [
      el("h2", { id: id + "-heading" }, [el("span", { class: "api-method" }, [route.method.toUpperCase()]), " ", el("code", {}, [route.path])]),
      op.summary ? el("p", {}, [lang === "en" ? null : t("api.summaryLang") + " ", english(op.summary)]) : null,
      el("p", {}, [el("strong", {}, [t("api.auth")]), " ", t(scheme ? "auth." + scheme : "auth.none")]),
    ];
    if (op.parameters && op.parameters.length) {
      parts.push(table(t("params.caption", { route: name }), [t("col.name"), t("col.where"), t("col.rules")], op.parameters.map(function (p) {
        return [el("code", {}, [p.name]), t("in." + p.in), rules(resolve(p.schema), !!p.required)];
      })));
    }
    var body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (body) {
      parts.push(table(t("body.caption", { route: name }), [t("col.field"), t("col.rules")], fieldRows(body.schema, "", [])));
      if (resolve(body.schema).additionalProperties === false) parts.push(el("p", {}, [t("rule.unknown")]));
    }
    var statuses = Object.keys(op.responses || {}).sort();
    parts.push(table(t("answers.caption", { route: name }), [t("col.status"), t("col.type"), t("col.meaning")], statuses.map(function (status) {
      var answer = op.responses[status];
      var types = Object.keys(answer.content || {});
      return [status, types.length ? el("code", {}, [types.join(", ")]) : t("answer.none"), answerMeaning(answer)];
    })));
    return el("section", { class: "api-route", id: id, "aria-labelledby": id + "-heading" }, parts);
  }

  function routes() {
    var list = [];
    Object.keys(spec.paths || {}).sort().forEach(function (path) {
      METHODS.forEach(function (method) {
        var operation = spec.paths[path][method];
        if (operation) list.push({ path: path, method: method, operation: operation });
      });
    });
    return list;
  }

  function render() {
    var status = document.getElementById("api-status");
    var root = document.getElementById("api-routes");
    root.textContent = "";
    if (failed || !spec) {
      status.textContent = t(failed ? "api.failed" : "api.loading");
      return;
    }
    var all = routes();
    status.textContent = t("api.loaded", { count: all.length });
    var sections = all.map(section);
    root.appendChild(el("nav", { "aria-labelledby": "api-toc" }, [
      el("h2", { id: "api-toc" }, [t("api.toc")]),
      el("ul", { class: "api-toc" }, sections.map(function (s, i) {
        return el("li", {}, [el("a", { href: "#" + s.id }, [all[i].method.toUpperCase() + " " + all[i].path])]);
      })),
    ]));
    sections.forEach(function (s) { root.appendChild(s); });
  }

  function show(newLang) {
    lang = newLang;
    LANGUAGE.apply(lang);
    document.title = t("api.page.title");
    render();
  }

  document.getElementById("api-document").href = documentUrl;
  LANGUAGE.onSwitch(function () { return lang; }, show);
  show(lang);

  fetch(documentUrl, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error(String(response.status))); })
    .then(function (read) { spec = read; render(); })
    .catch(function () { failed = true; render(); });
})();
