//! A plain breadth-first search over the exported JSON, knowing nothing of the library's
//! graph: the reference the path tests compare with.

use ngo_atlas::query::graph::path::PathOptions;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// The dataset as `export --format json` gives it, read without the library's graph: any string
/// in a record's fields (not its text) that is another record's id is a link, and each quote's
/// source is a citation.
pub struct Oracle {
    pub ids: Vec<String>,
    kinds: Vec<String>,
    links: Vec<BTreeSet<usize>>,
    cites: Vec<BTreeSet<usize>>,
}

/// Fields that hold text, dates or numbers, never a link (a synthetic `series` looks like an id).
const TEXT: [&str; 20] = [
    "id",
    "kind",
    "name",
    "aliases",
    "summary",
    "notes",
    "sources",
    "public_knowledge",
    "type",
    "series",
    "measure",
    "unit",
    "title",
    "outlet",
    "authors",
    "section",
    "language",
    "date",
    "start",
    "end",
];

fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

impl Oracle {
    pub fn from_export(json: &[u8]) -> Oracle {
        let records: Vec<Value> = serde_json::from_slice(json).expect("export is JSON");
        let ids: Vec<String> = records
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        let at: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        let n = ids.len();
        let mut links = vec![BTreeSet::new(); n];
        let mut cites = vec![BTreeSet::new(); n];
        for (i, r) in records.iter().enumerate() {
            for (key, value) in r.as_object().unwrap() {
                if TEXT.contains(&key.as_str()) {
                    continue;
                }
                let mut found = Vec::new();
                strings(value, &mut found);
                for s in found {
                    if let Some(&j) = at.get(s)
                        && j != i
                    {
                        links[i].insert(j);
                        links[j].insert(i);
                    }
                }
            }
            for s in r["sources"].as_array().unwrap() {
                let j = at[s["source"].as_str().unwrap()];
                cites[i].insert(j);
                cites[j].insert(i);
            }
        }
        let kinds = records
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_string())
            .collect();
        Oracle {
            ids,
            kinds,
            links,
            cites,
        }
    }

    pub fn neighbours(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.links[v].iter().chain(&self.cites[v]).copied()
    }

    pub fn passable(&self, v: usize, ends: (usize, usize), o: &PathOptions) -> bool {
        v == ends.0
            || v == ends.1
            || match self.kinds[v].as_str() {
                "place" => o.via_places,
                "source" => o.via_sources,
                _ => true,
            }
    }

    /// Distances from `start` through passable records; the far end is reached, not crossed.
    pub fn bfs(&self, start: usize, ends: (usize, usize), o: &PathOptions) -> Vec<usize> {
        let mut dist = vec![usize::MAX; self.ids.len()];
        dist[start] = 0;
        let mut queue = VecDeque::from([start]);
        while let Some(u) = queue.pop_front() {
            if u != start && (u == ends.0 || u == ends.1) {
                continue;
            }
            for v in self.neighbours(u) {
                if dist[v] == usize::MAX && self.passable(v, ends, o) {
                    dist[v] = dist[u] + 1;
                    queue.push_back(v);
                }
            }
        }
        dist
    }

    /// Every shortest chain from `s` to `t`, or `None` past `cap` of them.
    pub fn all_shortest(
        &self,
        s: usize,
        t: usize,
        o: &PathOptions,
        cap: usize,
    ) -> Option<Vec<Vec<usize>>> {
        let (ds, dt) = (self.bfs(s, (s, t), o), self.bfs(t, (s, t), o));
        let d = ds[t];
        if d == usize::MAX {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        let mut stack = vec![vec![s]];
        while let Some(chain) = stack.pop() {
            let u = *chain.last().unwrap();
            if u == t {
                out.push(chain);
                if out.len() > cap {
                    return None;
                }
                continue;
            }
            for v in self.neighbours(u) {
                if ds[v] == chain.len()
                    && dt[v] != usize::MAX
                    && ds[v] + dt[v] == d
                    && !chain.contains(&v)
                {
                    let mut next = chain.clone();
                    next.push(v);
                    stack.push(next);
                }
            }
        }
        Some(out)
    }

    pub fn degree(&self, v: usize) -> u32 {
        self.links[v].len() as u32
    }

    /// The ranking key: intermediates' degrees, largest first.
    pub fn cost(&self, chain: &[usize]) -> Vec<u32> {
        let mut c: Vec<u32> = chain[1..chain.len() - 1]
            .iter()
            .map(|&v| self.degree(v))
            .collect();
        c.sort_unstable_by(|a, b| b.cmp(a));
        c
    }
}
