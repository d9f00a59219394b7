// The anonymous monthly statistics, for coordinators (issue 11, rule 10): for each dimension a table (the
// figures, for everyone and every screen reader) and the same figures as a chart (Chart.js, served by the
// site itself, hidden from assistive technology). A count below 3 is never given: "< 3" in the table,
// nothing in the chart. The CSV is fetched with the access token and offered as a download.
import { useEffect, useRef, useState } from "../vendor/hooks.js";
import { call, download } from "../api.js";
import { html, useLanguage, Screen, Loading, LoadError, announce, problemMessage } from "../ui.js";

// Chart.js's UMD build, loaded once and only here: it sets window.Chart.
let chartLibrary = null;
const loadChart = () => (chartLibrary = chartLibrary || import("../vendor/chart.umd.js").then(() => window.Chart));

const locale = lang => (lang === "en" ? "en-GB" : "fr-FR");

/** "2026-11" → "nov. 2026" / "Nov 2026". */
function monthLabel(lang, month) {
  const [year, number] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(lang), { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, number - 1, 1)));
}

/** The label of one cell of a dimension, from the console's existing words where they exist. */
function keyLabel(t, dimension, key) {
  switch (dimension) {
    case "intakes": return t("intakeRole." + key);
    case "outcomes": return t("outcome." + key);
    default: return t("statistics." + dimension + "." + key);
  }
}

export function Statistics({ me, notice }) {
  const { t, lang } = useLanguage();
  const allowed = me.roles.includes("coordinator");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [shown, setShown] = useState({ from: "", to: "" });
  const [report, setReport] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [message, setMessage] = useState(null);
  const query = period => {
    const parts = [];
    if (period.from) parts.push("from=" + encodeURIComponent(period.from));
    if (period.to) parts.push("to=" + encodeURIComponent(period.to));
    return parts.length ? "?" + parts.join("&") : "";
  };
  const load = (period, aloud = false) => {
    setLoadError(null);
    setMessage(null);
    return call("GET", "staff/statistics" + query(period)).then(received => {
      setReport(received);
      setShown(period);
      setFrom(received.from);
      setTo(received.to);
      if (aloud) announce(t("statistics.shown", { from: monthLabel(lang, received.from), to: monthLabel(lang, received.to) }));
    }, error => {
      if (error.status === 401) return;
      if (error.code === "invalid_period") setMessage(t("statistics.invalidPeriod"));
      else setLoadError(error);
    });
  };
  useEffect(() => { if (allowed) load(shown); }, []);
  const show = event => {
    event.preventDefault();
    load({ from, to }, true);
  };
  const downloadCsv = async () => {
    setMessage(null);
    try {
      await download("staff/statistics.csv" + query({ from: report.from, to: report.to }), "solidaire-statistics.csv", "text/csv");
      announce(t("statistics.downloaded"));
    } catch (error) {
      if (error.status !== 401) setMessage(problemMessage(t, error));
    }
  };
  return html`
    <${Screen} title=${t("statistics.heading")} notice=${notice && notice.text} noticeKind="success">
      ${!allowed && html`<p>${t("error.forbidden")}</p>`}
      ${allowed && html`
        <p>${t("statistics.intro")}</p>
        <p>${t("statistics.suppressed", { minimum: report ? report.minimumCount : 3 })}</p>
        <form class="filter" onSubmit=${show}>
          <div class="field">
            <label for="statistics-from">${t("statistics.from")}</label>
            <input id="statistics-from" name="from" type="month" value=${from} onInput=${e => setFrom(e.currentTarget.value)} aria-describedby="statistics-period-hint" />
          </div>
          <div class="field">
            <label for="statistics-to">${t("statistics.to")}</label>
            <input id="statistics-to" name="to" type="month" value=${to} onInput=${e => setTo(e.currentTarget.value)} aria-describedby="statistics-period-hint" />
          </div>
          <button class="button secondary" type="submit">${t("statistics.show")}</button>
        </form>
        <p class="hint" id="statistics-period-hint">${t("statistics.periodHint")}</p>
        ${message && html`<p class="field-error" role="alert">${message}</p>`}
        ${loadError && html`<${LoadError} error=${loadError} retry=${() => load(shown)} />`}
        ${!report && !loadError && !message && html`<${Loading} />`}
        ${report && html`
          <p><button class="button secondary" type="button" onClick=${downloadCsv}>${t("statistics.download")}</button></p>
          ${report.dimensions.map(d => html`<${Dimension} key=${d.name + report.from + report.to + lang} report=${report} dimension=${d} />`)}`}`}
    <//>`;
}

/** One dimension: its heading, its table, and the same figures as a chart. */
function Dimension({ report, dimension }) {
  const { t, lang } = useLanguage();
  const id = "statistics-" + dimension.name;
  const below = "< " + report.minimumCount;
  const format = value => (value === null ? below : new Intl.NumberFormat(locale(lang)).format(value));
  return html`
    <section class="panel statistics" aria-labelledby=${id}>
      <h2 id=${id}>${t("statistics.dimension." + dimension.name)}</h2>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby=${id + "-caption"}>
        <table>
          <caption id=${id + "-caption"}>${t("statistics.caption", { what: t("statistics.dimension." + dimension.name) })}</caption>
          <thead>
            <tr>
              <th scope="col">${t("statistics.month")}</th>
              ${dimension.keys.map(key => html`<th scope="col">${keyLabel(t, dimension.name, key)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${report.months.map(month => html`
              <tr>
                <th scope="row">${monthLabel(lang, month.month)}</th>
                ${dimension.keys.map(key => html`<td>${format(month[dimension.name][key])}</td>`)}
              </tr>`)}
          </tbody>
        </table>
      </div>
      <${Chart} report=${report} dimension=${dimension} />
      <p class="hint">${t("statistics.chartHint", { minimum: report.minimumCount })}</p>
    </section>`;
}

/** The dimension's figures as bars, month by month; a suppressed count is drawn as nothing, never as its value. */
function Chart({ report, dimension }) {
  const { t, lang } = useLanguage();
  const canvas = useRef(null);
  useEffect(() => {
    let chart = null;
    let gone = false;
    loadChart().then(ChartJs => {
      if (gone || !canvas.current) return;
      chart = new ChartJs(canvas.current, {
        type: "bar",
        data: {
          labels: report.months.map(m => monthLabel(lang, m.month)),
          datasets: dimension.keys.map(key => ({
            label: keyLabel(t, dimension.name, key),
            data: report.months.map(m => m[dimension.name][key]),
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          locale: locale(lang),
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
    }, () => { /* the table holds the same figures */ });
    return () => {
      gone = true;
      if (chart) chart.destroy();
    };
  }, [report, dimension, lang]);
  return html`<div class="chart-box"><canvas ref=${canvas} aria-hidden="true" data-chart=${dimension.name}></canvas></div>`;
}
