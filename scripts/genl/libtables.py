#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate libktlsctl's attribute, enum and operation tables from the spec.

Usage: libtables.py SPEC OUT_PREFIX   (writes OUT_PREFIX.h and OUT_PREFIX.c)

The uapi header (from the kernel's YNL generator) owns every number; these
tables only name them and carry the validation rules the spec states, so that
libktlsctl, the CLI and the tests never spell out an attribute by hand.
"""
import os
import sys

import yaml

KIND = {
    'u8': 'U8', 'u16': 'U16', 'u32': 'U32', 'u64': 'U64', 's32': 'S32',
    'string': 'STRING', 'binary': 'BINARY', 'nest': 'NEST', 'flag': 'FLAG',
    'pad': 'PAD',
}


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


class Spec:
    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            self.y = yaml.safe_load(f)
        self.name = self.y['name']
        self.consts = {}
        self.enums = []
        for d in self.y.get('definitions', []):
            if d['type'] == 'const':
                self.consts[d['name']] = d
            elif d['type'] == 'enum':
                self.enums.append(d)
        self.sets = {s['name']: s for s in self.y['attribute-sets']}

    def fam(self):
        return c_upper(self.name)

    def limit(self, value):
        """C expression for a check limit: a number or a uapi const."""
        if isinstance(value, int):
            return str(value)
        const = self.consts.get(value)
        if const is None:
            raise SystemExit(f'libtables: unknown limit {value}')
        if const.get('scope', 'uapi') != 'uapi' or const.get('header'):
            return str(const['value'])
        return f'{self.fam()}_{c_upper(value)}'

    def root_set(self, name):
        """Subsets share the enum and table of the set they are part of."""
        s = self.sets[name]
        return s.get('subset-of', name)

    def set_attrs(self, name):
        return self.sets[self.root_set(name)]['attributes']

    def attr_enum(self, set_name, attr):
        return f'{self.fam()}_A_{c_upper(set_name)}_{c_upper(attr["name"])}'

    def set_max(self, set_name):
        return f'{self.fam()}_A_{c_upper(set_name)}_MAX'


def enum_entries(e):
    value = e.get('value-start', 0)
    for ent in e['entries']:
        if isinstance(ent, dict):
            name = ent['name']
            value = ent.get('value', value)
        else:
            name = ent
        yield name, value
        value += 1


def gen_header(spec, out):
    fam = spec.fam()
    guard = f'_{fam}_ATTRS_H'
    p = out.append
    p('/* SPDX-License-Identifier: LGPL-2.1-or-later */')
    p('/* Do not edit: generated from genl-spec/ktlsctl.yaml by scripts/genl-gen */')
    p('')
    p(f'#ifndef {guard}')
    p(f'#define {guard}')
    p('')
    p('#include <stdbool.h>')
    p('#include <stdint.h>')
    p('')
    p('#include <linux/ktlsctl.h>')
    p('')
    p('enum ktlsctl_attr_kind {')
    p('\tKTLSCTL_KIND_UNUSED,')
    for k in sorted(set(KIND.values())):
        p(f'\tKTLSCTL_KIND_{k},')
    p('};')
    p('')
    p('struct ktlsctl_enum_entry {')
    p('\tconst char *name;')
    p('\tuint32_t value;')
    p('};')
    p('')
    p('struct ktlsctl_enum_desc {')
    p('\tconst char *name;')
    p('\tunsigned int n;')
    p('\tconst struct ktlsctl_enum_entry *entries;')
    p('};')
    p('')
    p('struct ktlsctl_attr_set;')
    p('')
    p('/* One attribute: its spec name and the checks the spec states. */')
    p('struct ktlsctl_attr_desc {')
    p('\tconst char *name;')
    p('\tenum ktlsctl_attr_kind kind;')
    p('\tuint16_t min_len;\t/* payload bounds; 0: none */')
    p('\tuint16_t max_len;')
    p('\tuint16_t exact_len;')
    p('\tbool multi;')
    p('\tbool big_endian;')
    p('\tbool has_min, has_max;\t/* value range of integers */')
    p('\tuint64_t min, max;')
    p('\tconst struct ktlsctl_enum_desc *enum_desc;')
    p('\tconst struct ktlsctl_attr_set *nest;')
    p('};')
    p('')
    p('struct ktlsctl_attr_set {')
    p('\tconst char *name;')
    p('\tunsigned int max;')
    p('\tconst struct ktlsctl_attr_desc *attrs;\t/* indexed by type, max + 1 */')
    p('};')
    p('')
    p('struct ktlsctl_op_desc {')
    p('\tconst char *name;')
    p('\tuint8_t cmd;')
    p('\tconst struct ktlsctl_attr_set *set;')
    p('\tbool has_do, has_dump, is_event;')
    p('\tint mcgrp;\t/* index into ktlsctl_mcgrp_names, -1: none */')
    p('\t/* The request attributes of do and dump, bit N for type N. */')
    p('\tuint64_t do_attrs, dump_attrs;')
    p('};')
    p('')
    for e in spec.enums:
        p(f'extern const struct ktlsctl_enum_desc ktlsctl_{c_lower(e["name"])}_enum;')
    p('')
    for name, s in spec.sets.items():
        if 'subset-of' in s:
            continue
        p(f'extern const struct ktlsctl_attr_set ktlsctl_{c_lower(name)}_set;')
    p('')
    p('extern const struct ktlsctl_op_desc ktlsctl_ops[];')
    p('extern const unsigned int ktlsctl_n_ops;')
    p('extern const char *const ktlsctl_mcgrp_names[];')
    p('extern const unsigned int ktlsctl_n_mcgrps;')
    p('')
    p(f'#endif /* {guard} */')


def gen_source(spec, out, header_name):
    p = out.append
    p('// SPDX-License-Identifier: LGPL-2.1-or-later')
    p('/* Do not edit: generated from genl-spec/ktlsctl.yaml by scripts/genl-gen */')
    p('')
    p(f'#include "{header_name}"')
    p('')
    for e in spec.enums:
        cname = c_lower(e['name'])
        prefix = f'{spec.fam()}_{c_upper(e["name"])}_'
        p(f'static const struct ktlsctl_enum_entry {cname}_entries[] = {{')
        for name, _ in enum_entries(e):
            p(f'\t{{ "{name}", {prefix}{c_upper(name)} }},')
        p('};')
        p('')
        p(f'const struct ktlsctl_enum_desc ktlsctl_{cname}_enum = {{')
        p(f'\t.name = "{e["name"]}",')
        p(f'\t.n = sizeof({cname}_entries) / sizeof({cname}_entries[0]),')
        p(f'\t.entries = {cname}_entries,')
        p('};')
        p('')
    roots = [n for n, s in spec.sets.items() if 'subset-of' not in s]
    for name in roots:
        cname = c_lower(name)
        p(f'static const struct ktlsctl_attr_desc {cname}_attrs[{spec.set_max(name)} + 1] = {{')
        for a in spec.sets[name]['attributes']:
            fields = [f'.name = "{a["name"]}"',
                      f'.kind = KTLSCTL_KIND_{KIND[a["type"]]}']
            checks = a.get('checks', {})
            for key, field in (('min-len', 'min_len'), ('max-len', 'max_len'),
                               ('exact-len', 'exact_len')):
                if key in checks:
                    fields.append(f'.{field} = {spec.limit(checks[key])}')
            for key in ('min', 'max'):
                if key in checks:
                    fields.append(f'.has_{key} = true')
                    fields.append(f'.{key} = {spec.limit(checks[key])}')
            if a.get('multi-attr'):
                fields.append('.multi = true')
            if a.get('byte-order') == 'big-endian':
                fields.append('.big_endian = true')
            if 'enum' in a:
                fields.append(f'.enum_desc = &ktlsctl_{c_lower(a["enum"])}_enum')
            if 'nested-attributes' in a:
                nest = spec.root_set(a['nested-attributes'])
                fields.append(f'.nest = &ktlsctl_{c_lower(nest)}_set')
            p(f'\t[{spec.attr_enum(name, a)}] = {{')
            for f in fields:
                p(f'\t\t{f},')
            p('\t},')
        p('};')
        p('')
        p(f'const struct ktlsctl_attr_set ktlsctl_{cname}_set = {{')
        p(f'\t.name = "{name}",')
        p(f'\t.max = {spec.set_max(name)},')
        p(f'\t.attrs = {cname}_attrs,')
        p('};')
        p('')
    groups = [g['name'] for g in spec.y.get('mcast-groups', {}).get('list', [])]
    p('const struct ktlsctl_op_desc ktlsctl_ops[] = {')
    for op in spec.y['operations']['list']:
        fields = [f'.name = "{op["name"]}"',
                  f'.cmd = {spec.fam()}_CMD_{c_upper(op["name"])}',
                  f'.set = &ktlsctl_{c_lower(spec.root_set(op["attribute-set"]))}_set']
        if 'do' in op:
            fields.append('.has_do = true')
        if 'dump' in op:
            fields.append('.has_dump = true')
        if 'event' in op or 'notify' in op:
            fields.append('.is_event = true')
        fields.append(f'.mcgrp = {groups.index(op["mcgrp"]) if "mcgrp" in op else -1}')
        for mode in ('do', 'dump'):
            attrs = op.get(mode, {}).get('request', {}).get('attributes', [])
            if not attrs:
                continue
            bits = ' |\n\t\t\t'.join(
                f'(1ULL << {spec.attr_enum(spec.root_set(op["attribute-set"]), {"name": a})})'
                for a in attrs)
            fields.append(f'.{mode}_attrs = {bits}')
        p('\t{')
        for f in fields:
            p(f'\t\t{f},')
        p('\t},')
    p('};')
    p('')
    p('const unsigned int ktlsctl_n_ops = sizeof(ktlsctl_ops) / sizeof(ktlsctl_ops[0]);')
    p('')
    p('const char *const ktlsctl_mcgrp_names[] = {')
    for g in groups:
        p(f'\t{spec.fam()}_MCGRP_{c_upper(g)},')
    p('};')
    p('')
    p('const unsigned int ktlsctl_n_mcgrps = '
      'sizeof(ktlsctl_mcgrp_names) / sizeof(ktlsctl_mcgrp_names[0]);')


def main():
    if len(sys.argv) != 3:
        raise SystemExit('usage: libtables.py SPEC OUT_PREFIX')
    spec = Spec(sys.argv[1])
    prefix = sys.argv[2]
    hdr, src = [], []
    gen_header(spec, hdr)
    gen_source(spec, src, os.path.basename(prefix) + '.h')
    with open(prefix + '.h', 'w', encoding='utf-8') as f:
        f.write('\n'.join(hdr) + '\n')
    with open(prefix + '.c', 'w', encoding='utf-8') as f:
        f.write('\n'.join(src) + '\n')


if __name__ == '__main__':
    main()
