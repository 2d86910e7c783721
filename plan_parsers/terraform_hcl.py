"""A directory of Terraform ``.tf`` files (and the local modules it calls) -> Inventory.

The inventory has the shape the plan parser gives, so every check runs on source unchanged:
``values`` Terraform-shaped (nested blocks as lists of objects), an ``unknown`` mask where the
value cannot be known without a plan (interpolations that do not resolve to literals,
variables without a value, function calls other than ``jsonencode`` and the type
conversions, resource attributes, ``dynamic`` blocks), ``declared`` attribute paths,
``refs`` resolved exactly as for a plan (``terraform_config.link_references``), provider
schema defaults of unwritten attributes that checks judge (``provider_defaults``), and the
file and line range of each declaring block. ``count`` / ``for_each`` with known values give
one resource per instance key; unknown ones give one resource at the base address and a note.

Variable values come from defaults, ``terraform.tfvars``, ``*.auto.tfvars`` (and their
``.json`` forms) and ``--var-file`` files, in Terraform's order of precedence; only literal
values are used. Values of sensitive variables are collected for scrubbing and every
attribute that uses one is marked sensitive.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_parsers.addresses import Reference, format_key, parse_reference
from plan_parsers.documents import decode
from plan_parsers.hcl_expressions import Expr, Literal, Traversal
from plan_parsers.hcl_modules import Block, Module, SourceTree, display_base, load_tree
from plan_parsers.hcl_policy import MERGING_ARGUMENTS, minified, pretty, render_policy_document
from plan_parsers.hcl_reader import (
    Body,
    HclParseError,
    ensure_available,
    parse_attributes,
    to_expression,
)
from plan_parsers.hcl_values import UNKNOWN, Evaluated, Evaluator, split
from plan_parsers.provider_defaults import with_defaults
from plan_parsers.secrets import all_strings, sensitive_strings
from plan_parsers.terraform_config import ModuleConfig, ModulePath, link_references
from srm_iac.errors import InputError
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import BLOCK_MARK, Inventory, Resource

META_ATTRIBUTES = frozenset({"count", "for_each", "provider", "depends_on"})
META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})
POLICY_DOCUMENT = "aws_iam_policy_document"
MAX_NAMED = 5
_AUTO_VARIABLE_FILES = ("terraform.tfvars", "terraform.tfvars.json")


def parse_source(
    root: Path,
    *,
    var_files: Sequence[Path] = (),
    name: str | None = None,
    base: Path | None = None,
) -> Inventory:
    """Scan the Terraform module at ``root`` (and the modules it calls) into an Inventory.

    ``base`` is where reported file paths start (default: the enclosing git work tree, or
    ``root``). Raises ``InputError`` when python-hcl2 is missing or a ``--var-file`` cannot
    be read; files that do not parse are reported in the inventory's notes.
    """
    ensure_available()
    tree = load_tree(root, base if base is not None else display_base(root))
    builder = _Builder(tree)
    builder.read_variable_files(root, var_files)
    builder.build()
    notes = [*tree.parse_errors, *tree.notes, *builder.notes]
    inventory = Inventory(
        kind=InputKind.TERRAFORM_HCL,
        source=name if name is not None else str(root),
        resources=builder.resources,
        secrets=frozenset(builder.secrets),
        notes=list(dict.fromkeys(notes)),
        metadata={
            "files": tree.files,
            "parse_errors": list(tree.parse_errors),
            "modules": builder.module_instances,
        },
    )
    return inventory


@dataclass
class _Variable:
    value: Any
    """UNKNOWN when there is no known value."""
    sensitive: bool


@dataclass
class _Instance:
    """One module instance: its module, address and variable values."""

    module: Module
    address: str
    variables: dict[str, _Variable]
    locals: dict[str, Expr] = field(default_factory=dict)
    local_values: dict[str, Evaluated] = field(default_factory=dict)
    evaluating: set[str] = field(default_factory=set)
    children: dict[str, dict[str | int | None, _Instance]] = field(default_factory=dict)
    child_expanded: dict[str, bool] = field(default_factory=dict)
    outputs: dict[str, Evaluated] = field(default_factory=dict)
    documents: dict[str, Evaluated | None] = field(default_factory=dict)


class _Scope:
    """Names visible in one module instance, optionally inside one count/for_each instance."""

    def __init__(self, builder: _Builder, instance: _Instance, binding: dict[str, Any]) -> None:
        self.builder = builder
        self.instance = instance
        self.binding = binding

    def lookup(self, root: str, name: str) -> Evaluated | None:
        if root == "var":
            variable = self.instance.variables.get(name)
            return Evaluated(variable.value, variable.sensitive) if variable else None
        if root == "local":
            return self.builder.local(self.instance, name)
        if root in ("each", "count"):
            if root not in self.binding:
                return None
            value = self.binding[root].get(name, UNKNOWN)
            return Evaluated(value)
        if root == "module":
            return self.builder.module_value(self.instance, name)
        return None

    def resource_attribute(self, traversal: Traversal) -> Evaluated | None:
        steps = traversal.steps
        if (
            traversal.root == "data"
            and len(steps) == 3
            and steps[0] == POLICY_DOCUMENT
            and isinstance(steps[1], str)
            and steps[2] in ("json", "minified_json")
        ):
            document = self.builder.document(self.instance, steps[1])
            if document is not None and isinstance(document.value, dict):
                return Evaluated(document.value.get(str(steps[2]), UNKNOWN), document.sensitive)
        return None


class _Builder:
    def __init__(self, tree: SourceTree) -> None:
        self.tree = tree
        self.resources: list[Resource] = []
        self.secrets: set[str] = set()
        self.notes: list[str] = []
        self.root_values: dict[str, _Variable] = {}
        self.module_instances = 0
        self.unexpanded: list[str] = []
        """Blocks whose count / for_each is unknown (checked once, at the base address)."""

    # -- variables -------------------------------------------------------------------

    def read_variable_files(self, root: Path, var_files: Sequence[Path]) -> None:
        automatic = [root / name for name in _AUTO_VARIABLE_FILES if (root / name).is_file()]
        try:
            automatic += sorted(
                p
                for p in root.iterdir()
                if p.is_file() and p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))
            )
        except OSError:
            pass
        for path in automatic:
            self._read_variable_file(path, required=False)
        for path in var_files:
            self._read_variable_file(path, required=True)

    def _read_variable_file(self, path: Path, *, required: bool) -> None:
        try:
            text = decode(path.read_bytes(), str(path))
        except OSError as exc:
            if required:
                raise InputError(
                    f"--var-file {path}: cannot read ({exc.strerror or 'not found'})"
                ) from None
            return
        try:
            if path.name.endswith(".json"):
                document = json.loads(text)
                if not isinstance(document, dict):
                    raise ValueError("not an object")
                values = {key: to_expression(value) for key, value in document.items()}
            else:
                values = parse_attributes(text)
        except (HclParseError, ValueError, RecursionError) as error:
            line = f":{error.line}" if isinstance(error, HclParseError) and error.line else ""
            message = f"{path}{line}: variable file cannot be parsed ({_reason(error)})"
            if required:
                raise InputError(message) from None
            self.tree.parse_errors.append(message)
            return
        empty = _Instance(self.tree.root, "", {})
        for name, expression in values.items():
            evaluator = Evaluator(_Scope(self, empty, {}))
            self.root_values[name] = _Variable(evaluator.evaluate(expression), False)

    def _variables(
        self, module: Module, given: dict[str, _Variable], where: str
    ) -> dict[str, _Variable]:
        variables: dict[str, _Variable] = {}
        empty = _Instance(module, where, {})
        for block in module.of_type("variable"):
            if not block.labels:
                continue
            name = block.labels[0]
            sensitive_expression = block.body.attributes.get("sensitive")
            sensitive = (
                isinstance(sensitive_expression, Literal) and sensitive_expression.value is True
            )
            if name in given:
                variable = given[name]
                value, sensitive = variable.value, sensitive or variable.sensitive
            elif "default" in block.body.attributes:
                value = Evaluator(_Scope(self, empty, {})).evaluate(
                    block.body.attributes["default"]
                )
            else:
                value = UNKNOWN
            if sensitive:
                known, _ = split(value)
                all_strings(known, self.secrets)
            variables[name] = _Variable(value, sensitive)
        return variables

    # -- locals, module outputs, policy documents --------------------------------------

    def local(self, instance: _Instance, name: str) -> Evaluated | None:
        if name in instance.local_values:
            return instance.local_values[name]
        expression = instance.locals.get(name)
        if expression is None or name in instance.evaluating:
            return None
        instance.evaluating.add(name)
        evaluator = Evaluator(_Scope(self, instance, {}))
        value = evaluator.evaluate(expression)
        instance.evaluating.discard(name)
        found = Evaluated(value, evaluator.sensitive)
        instance.local_values[name] = found
        return found

    def module_value(self, instance: _Instance, call: str) -> Evaluated | None:
        children = self._children(instance, call)
        if not children:
            return None
        if not instance.child_expanded.get(call):
            child = children.get(None)
            return self._outputs(child) if child is not None else None
        collected: dict[Any, Any] = {}
        sensitive = False
        for key, child in children.items():
            outputs = self._outputs(child)
            collected[key] = outputs.value
            sensitive = sensitive or outputs.sensitive
        if all(isinstance(key, int) for key in collected):
            return Evaluated([collected[key] for key in sorted(collected)], sensitive)
        return Evaluated({str(key): value for key, value in collected.items()}, sensitive)

    def _outputs(self, instance: _Instance) -> Evaluated:
        values: dict[str, Any] = {}
        sensitive = False
        for block in instance.module.of_type("output"):
            if not block.labels:
                continue
            name = block.labels[0]
            if name not in instance.outputs:
                instance.outputs[name] = Evaluated(UNKNOWN)
                expression = block.body.attributes.get("value")
                evaluator = Evaluator(_Scope(self, instance, {}))
                value = evaluator.evaluate(expression) if expression is not None else UNKNOWN
                flag = block.body.attributes.get("sensitive")
                marked = isinstance(flag, Literal) and flag.value is True
                instance.outputs[name] = Evaluated(value, evaluator.sensitive or marked)
            values[name] = instance.outputs[name].value
            sensitive = sensitive or instance.outputs[name].sensitive
        return Evaluated(values, sensitive)

    def document(self, instance: _Instance, name: str) -> Evaluated | None:
        if name in instance.documents:
            return instance.documents[name]
        instance.documents[name] = None
        block = next(
            (
                b
                for b in instance.module.of_type("data")
                if b.labels == (POLICY_DOCUMENT, name)
                and not ({"count", "for_each"} & b.body.attributes.keys())
            ),
            None,
        )
        if block is None:
            return None
        values, unknown, sensitive = self.evaluate_body(block.body, _Scope(self, instance, {}))
        found = Evaluated(_document_values(values, unknown), bool(sensitive))
        instance.documents[name] = found
        return found

    # -- instances ------------------------------------------------------------------------

    def build(self) -> None:
        root = self.tree.root
        variables = self._variables(root, self.root_values, "")
        self._walk(_Instance(root, "", variables))
        configs: dict[ModulePath, ModuleConfig] = {}
        _index_configs(root, configs)
        link_references(self.resources, configs)
        if self.unexpanded:
            shown = ", ".join(self.unexpanded[:MAX_NAMED])
            more = len(self.unexpanded) - MAX_NAMED
            self.notes.append(
                f"{len(self.unexpanded)} block(s) have a count or for_each only known after "
                f"apply and are checked once, at their base address: {shown}"
                + (f" and {more} more" if more > 0 else "")
            )

    def _walk(self, instance: _Instance) -> None:
        self.module_instances += 1
        module = instance.module
        for block in module.of_type("locals"):
            instance.locals.update(block.body.attributes)
        for name in module.children:
            self._children(instance, name)
        for block in module.blocks:
            if block.local_address:
                self._add_resources(instance, block)
        for name in module.children:
            for child in instance.children[name].values():
                self._walk(child)

    def _children(self, instance: _Instance, name: str) -> dict[str | int | None, _Instance]:
        """The instances of module call ``name``, expanded on first use."""
        if name not in instance.children:
            instance.children[name] = {}
            call = next(
                (b for b in instance.module.of_type("module") if b.labels[:1] == (name,)), None
            )
            child_module = instance.module.children.get(name)
            if call is not None and child_module is not None:
                self._expand_call(instance, call, child_module)
        return instance.children[name]

    def _expand_call(self, instance: _Instance, call: Block, child_module: Module) -> None:
        name = call.labels[0]
        prefix = f"{instance.address}." if instance.address else ""
        expansions, known = self._expansions(instance, call)
        instance.child_expanded[name] = known and any(key is not None for key, _ in expansions)
        children: dict[str | int | None, _Instance] = {}
        for key, binding in expansions:
            address = f"{prefix}module.{name}" + (format_key(key) if key is not None else "")
            given: dict[str, _Variable] = {}
            for argument, expression in call.body.attributes.items():
                if argument in META_ATTRIBUTES or argument in ("source", "version", "providers"):
                    continue
                evaluator = Evaluator(_Scope(self, instance, binding))
                value = evaluator.evaluate(expression)
                given[argument] = _Variable(value, evaluator.sensitive)
            variables = self._variables(child_module, given, address)
            children[key] = _Instance(child_module, address, variables)
        instance.children[name] = children

    def _expansions(
        self, instance: _Instance, block: Block
    ) -> tuple[list[tuple[str | int | None, dict[str, Any]]], bool]:
        """(instance key, each/count binding) per instance, and whether they are known."""
        attributes = block.body.attributes
        where = _describe(instance, block)
        if "count" in attributes:
            count = Evaluator(_Scope(self, instance, {})).evaluate(attributes["count"])
            if isinstance(count, float) and count.is_integer():
                count = int(count)
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                return [(index, {"count": {"index": index}}) for index in range(count)], True
            self.unexpanded.append(where)
            return [(None, {"count": {"index": UNKNOWN}})], False
        if "for_each" in attributes:
            collection = Evaluator(_Scope(self, instance, {})).evaluate(attributes["for_each"])
            pairs = _for_each_pairs(collection)
            if pairs is not None:
                return [(key, {"each": {"key": key, "value": value}}) for key, value in pairs], True
            self.unexpanded.append(where)
            return [(None, {"each": {"key": UNKNOWN, "value": UNKNOWN}})], False
        return [(None, {})], True

    def _add_resources(self, instance: _Instance, block: Block) -> None:
        mode = "data" if block.type == "data" else "managed"
        type_, name = block.labels
        prefix = f"{instance.address}." if instance.address else ""
        expansions, _ = self._expansions(instance, block)
        for key, binding in expansions:
            values, unknown, sensitive = self.evaluate_body(
                block.body, _Scope(self, instance, binding)
            )
            if mode == "data" and type_ == POLICY_DOCUMENT:
                values, unknown = _with_document(values, unknown)
            if mode == "managed":
                values = with_defaults(type_, values, unknown)
            sensitive_strings(values, sensitive, self.secrets)
            address = prefix + block.local_address + (format_key(key) if key is not None else "")
            self.resources.append(
                Resource(
                    address=address,
                    type=type_,
                    name=name,
                    module=instance.address,
                    mode=mode,
                    provider=type_.split("_", 1)[0],
                    action=Action.DECLARED,
                    values=values,
                    unknown=unknown,
                    sensitive=sensitive,
                    location=block.location,
                    index=key,
                    origin="hcl",
                    suppressions=block.suppressions,
                )
            )

    def evaluate_body(
        self, body: Body, scope: _Scope
    ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """``(values, unknown mask, sensitive mask)`` of a block body."""
        values: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        sensitive: dict[str, Any] = {}
        for name, expression in body.attributes.items():
            if name in META_ATTRIBUTES:
                continue
            evaluator = Evaluator(scope)
            known, mask = split(evaluator.evaluate(expression))
            if mask is not True:
                values[name] = known
            if mask is not False:
                unknown[name] = mask
            if evaluator.sensitive:
                sensitive[name] = True
        grouped: dict[str, list[Body]] = {}
        for block_type, inner in body.blocks:
            if block_type not in META_BLOCKS:
                grouped.setdefault(block_type, []).append(inner)
        for block_type, bodies in grouped.items():
            parts = [self.evaluate_body(inner, scope) for inner in bodies]
            values[block_type] = [part[0] for part in parts]
            if any(part[1] for part in parts):
                unknown[block_type] = [part[1] for part in parts]
            if any(part[2] for part in parts):
                sensitive[block_type] = [part[2] for part in parts]
        for block_type, _ in body.dynamic:
            values.pop(block_type, None)
            unknown[block_type] = True
            sensitive.pop(block_type, None)
        return values, unknown, sensitive


def _document_values(values: dict[str, Any], unknown: dict[str, Any]) -> dict[str, Any]:
    """``json`` / ``minified_json`` of a policy document, UNKNOWN unless fully known."""
    merging = any(argument in values or argument in unknown for argument in MERGING_ARGUMENTS)
    document = None if unknown or merging else render_policy_document(values)
    if document is None:
        return {"json": UNKNOWN, "minified_json": UNKNOWN}
    return {"json": pretty(document), "minified_json": minified(document)}


def _with_document(
    values: dict[str, Any], unknown: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    rendered = _document_values(values, unknown)
    values, unknown = dict(values), dict(unknown)
    for key, value in rendered.items():
        if value is UNKNOWN:
            unknown[key] = True
        else:
            values[key] = value
    return values, unknown


def _for_each_pairs(collection: Any) -> list[tuple[str, Any]] | None:
    if isinstance(collection, dict):
        return sorted(collection.items())
    if isinstance(collection, list) and all(isinstance(item, str) for item in collection):
        return [(item, item) for item in sorted(set(collection))]
    return None


def _describe(instance: _Instance, block: Block) -> str:
    prefix = f"{instance.address}." if instance.address else ""
    local = block.local_address or (f"module.{block.labels[0]}" if block.labels else block.type)
    return f"{prefix}{local}"


def _reason(error: Exception) -> str:
    if isinstance(error, HclParseError):
        return error.reason
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON at line {error.lineno}"
    return "not a map of variable values"


def _index_configs(module: Module, configs: dict[ModulePath, ModuleConfig]) -> None:
    """The configuration index ``link_references`` reads, built from source."""
    config = ModuleConfig()
    for block in module.blocks:
        if block.local_address:
            declared: set[str] = set()
            refs: dict[str, list[Reference]] = {}
            _walk_body(block.body, "", declared, refs)
            config.declared.setdefault(block.local_address, frozenset(declared))
            if refs:
                config.resource_refs.setdefault(block.local_address, refs)
        elif block.type == "output" and block.labels:
            expression = block.body.attributes.get("value")
            found = _references(expression) if expression is not None else []
            if found:
                config.output_refs[block.labels[0]] = found
    configs[module.path] = config
    for child in module.children.values():
        _index_configs(child, configs)


def _walk_body(
    body: Body, prefix: str, declared: set[str], refs: dict[str, list[Reference]]
) -> None:
    """Collect attribute paths (blocks marked with ``BLOCK_MARK``, as the plan parser does)
    and their references; a nested block also gets the union of the references inside it
    (a provider may type it as one attribute, as plans then show)."""
    for name, expression in body.attributes.items():
        if name in META_ATTRIBUTES:
            continue
        path = prefix + name
        declared.add(path)
        found = _references(expression)
        if found:
            merged = refs.setdefault(path, [])
            merged.extend(r for r in found if r not in merged)
    for block_type, inner in body.blocks:
        if block_type in META_BLOCKS:
            continue
        path = prefix + block_type
        declared.add(path + BLOCK_MARK)
        _walk_body(inner, f"{path}.", declared, refs)
        below = [r for key, found in refs.items() if key.startswith(f"{path}.") for r in found]
        if below:
            merged = refs.setdefault(path, [])
            merged.extend(r for r in below if r not in merged)
    for block_type, _ in body.dynamic:
        # content generated by an expression: everything below counts as set (and unknown)
        declared.add(prefix + block_type)


def _references(expression: Expr) -> list[Reference]:
    found: list[Reference] = []
    for text in expression.references():
        reference = parse_reference(text)
        if reference is not None and reference not in found:
            found.append(reference)
    return found


__all__ = ["parse_source"]
