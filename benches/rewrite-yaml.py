#!/usr/bin/env python3
"""Rewrites a data folder's YAML files as another writer would: read each file and dump it back.

    python3 benches/rewrite-yaml.py WRITER IN_DIR OUT_DIR

WRITER is one of:
  pyyaml       yaml.safe_dump with PyYAML's defaults (width 80, non-ASCII escaped, keys sorted)
  pyyaml-utf8  the same with allow_unicode=True, sort_keys=False
  ruamel       ruamel.yaml's round-trip dumper with its defaults (width 80, sequences not indented)
  ruamel-indent ruamel.yaml with sequences indented under their key (mapping 2, sequence 4, offset 2)

Needs PyYAML and ruamel.yaml (pip install --user pyyaml ruamel.yaml).
"""
import os
import sys


def main():
    writer, src, dst = sys.argv[1:4]
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            text = f.read()
        out = os.path.join(dst, name)
        if writer.startswith("pyyaml"):
            import yaml

            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            kw = {}
            if writer == "pyyaml-utf8":
                kw = {"allow_unicode": True, "sort_keys": False}
            Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            with open(out, "w", encoding="utf-8") as f:
                yaml.dump(data, f, Dumper=Dumper, default_flow_style=False, **kw)
        elif writer.startswith("ruamel"):
            from ruamel.yaml import YAML

            y = YAML()
            data = y.load(text)
            if writer == "ruamel-indent":
                y.indent(mapping=2, sequence=4, offset=2)
            with open(out, "w", encoding="utf-8") as f:
                y.dump(data, f)
        else:
            sys.exit(f"unknown writer {writer}")


if __name__ == "__main__":
    main()
