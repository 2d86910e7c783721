"""Self-hosted check logic that the plan fixtures do not reach.

Target detection of GPU and accelerator types, the instance types SageMaker refuses a KMS key
for, which Kubernetes Services are internet-facing, credential names and sensitive maps, inputs
without configuration (HCL, Pulumi), and which clusters are judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from srm_iac.config import DEFAULT_CONFIG
from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.model.values import SENSITIVE_PLACEHOLDER
from srm_iac.rules.check import CheckContext, Result
from srm_iac.rules.self_hosted import (
    clusters,
    cost,
    endpoints,
    instances,
    registries,
    secrets,
    serving,
    supply_chain,
)
from srm_iac.rules.targets import is_aws_gpu, is_gcp_gpu, is_serving_image
from tests.factories import inventory, resource

CheckFunction = Callable[[CheckContext], Iterable[Result]]


def run(check: CheckFunction, *resources: Resource) -> dict[str, Result]:
    """Results of ``check`` over ``resources``, by address ("" for target-level results)."""
    context = CheckContext(inventory=inventory(*resources), config=DEFAULT_CONFIG, targets={})
    return {
        (result.resource.address if result.resource else ""): result for result in check(context)
    }


def statuses(check: CheckFunction, *resources: Resource) -> dict[str, Status]:
    """Statuses of ``check`` over ``resources``, by address."""
    return {address: result.status for address, result in run(check, *resources).items()}


def named(type_: str, label: str, name: str, **values: Any) -> Resource:
    """A resource whose ``name`` attribute is ``name`` (the factory's ``name`` is the label)."""
    created = resource(type_, label, **values)
    created.values["name"] = name
    return created


class TestDetection:
    """GPU, accelerator and inference-server recognition used by target detection."""

    @pytest.mark.parametrize(
        "instance_type",
        [
            "p6-b200.48xlarge",
            "p5e.48xlarge",
            "gr6.4xlarge",
            "g6e.xlarge",
            "inf2.xlarge",
            "trn2.48xlarge",
            "dl1.24xlarge",
        ],
    )
    def test_aws_gpu_families(self, instance_type: str) -> None:
        assert is_aws_gpu(resource("aws_instance", instance_type=instance_type))

    @pytest.mark.parametrize("instance_type", ["m7i.large", "c7g.xlarge", "r6id.2xlarge"])
    def test_aws_cpu_families(self, instance_type: str) -> None:
        assert not is_aws_gpu(resource("aws_instance", instance_type=instance_type))

    def test_node_group_gpu_ami_without_instance_types(self) -> None:
        group = resource("aws_eks_node_group", ami_type="BOTTLEROCKET_x86_64_NVIDIA")
        assert is_aws_gpu(group)

    def test_gke_tpu_machine_type_and_inline_pool(self) -> None:
        tpu = resource(
            "google_container_node_pool", node_config=[{"machine_type": "ct5lp-hightpu-4t"}]
        )
        inline = resource(
            "google_container_cluster",
            node_pool=[
                {"node_config": [{"guest_accelerator": [{"count": 1, "type": "nvidia-l4"}]}]}
            ],
        )
        assert is_gcp_gpu(tpu) and is_gcp_gpu(inline)
        assert not is_gcp_gpu(resource("google_container_cluster", node_pool=[]))

    @pytest.mark.parametrize(
        ("image", "serving"),
        [
            ("vllm/vllm-openai:v0.6.4", True),
            ("lmsysorg/sglang:latest", True),
            ("nvcr.io/nvidia/tritonserver:24.10-py3", True),
            ("nginx:1.27", False),
        ],
    )
    def test_serving_images(self, image: str, serving: bool) -> None:
        assert is_serving_image(image) is serving


def endpoint_configuration(*variants: dict[str, Any], **values: Any) -> Resource:
    """An endpoint configuration with ``variants`` as production variants."""
    return resource(
        "aws_sagemaker_endpoint_configuration", production_variants=list(variants), **values
    )


class TestEndpoints:
    """SRM-SH-001 and SRM-SH-003 corner cases."""

    def test_serverless_endpoint_is_told_to_log_in_the_caller(self) -> None:
        config = endpoint_configuration(
            {"serverless_config": [{"max_concurrency": 5, "memory_size_in_mb": 2048}]},
            data_capture_config=[],
        )
        result = run(endpoints.endpoint_without_data_capture, config)[config.address]
        assert result.status is Status.FAIL and "serverless" in result.message

    @pytest.mark.parametrize(
        ("instance_type", "expected"),
        [
            ("ml.g5.2xlarge", Status.PASS),
            ("ml.m5d.xlarge", Status.PASS),
            ("ml.p4d.24xlarge", Status.PASS),
            ("ml.m5.xlarge", Status.FAIL),
            ("ml.inf2.xlarge", Status.FAIL),
            ("ml.g4dn.xlarge", Status.PASS),
        ],
    )
    def test_local_storage_needs_no_key(self, instance_type: str, expected: Status) -> None:
        config = endpoint_configuration({"instance_type": instance_type, "serverless_config": []})
        assert statuses(endpoints.endpoint_storage_without_cmk, config) == {
            config.address: expected
        }

    def test_one_local_storage_variant_forbids_a_key(self) -> None:
        config = endpoint_configuration(
            {"instance_type": "ml.m5.xlarge", "serverless_config": []},
            {"instance_type": "ml.g5.2xlarge", "serverless_config": []},
        )
        assert statuses(endpoints.endpoint_storage_without_cmk, config) == {
            config.address: Status.PASS
        }

    def test_unknown_instance_type_is_unknown(self) -> None:
        config = endpoint_configuration(
            {"serverless_config": []}, unknown={"production_variants": [{"instance_type": True}]}
        )
        assert statuses(endpoints.endpoint_storage_without_cmk, config) == {
            config.address: Status.UNKNOWN
        }

    def test_serverless_only_storage_is_not_judged(self) -> None:
        config = endpoint_configuration({"serverless_config": [{"max_concurrency": 1}]})
        assert statuses(endpoints.endpoint_storage_without_cmk, config) == {}


class TestSupplyChain:
    """Repository links by image URL and registry scanning filters."""

    def test_repository_linked_by_image_url(self) -> None:
        repo = named(
            "aws_ecr_repository", "serving", "llm/serving", image_tag_mutability="IMMUTABLE"
        )
        model = resource(
            "aws_sagemaker_model",
            primary_container=[
                {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm/serving:v3"}
            ],
        )
        assert statuses(supply_chain.model_image_not_pinned, repo, model) == {
            model.address: Status.PASS
        }
        assert statuses(registries.repository_tags_mutable, repo, model) == {
            repo.address: Status.PASS
        }

    def test_worst_container_decides(self) -> None:
        model = resource(
            "aws_sagemaker_model",
            container=[
                {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/a@sha256:" + "ab" * 32},
                {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/b:latest"},
            ],
        )
        result = run(supply_chain.model_image_not_pinned, model)[model.address]
        assert result.status is Status.FAIL and result.attribute == "container.image"

    @pytest.mark.parametrize(
        ("pattern", "covered"), [("*", True), ("llm-*", True), ("llm", False), ("*serving", True)]
    )
    def test_registry_scanning_filters(self, pattern: str, covered: bool) -> None:
        repo = named("aws_ecr_repository", "serving", "llm-serving")
        registry = resource(
            "aws_ecr_registry_scanning_configuration",
            rule=[
                {
                    "scan_frequency": "SCAN_ON_PUSH",
                    "repository_filter": [{"filter": pattern, "filter_type": "WILDCARD"}],
                }
            ],
        )
        gpu = resource("aws_instance", "gpu", instance_type="g5.xlarge")
        expected = Status.PASS if covered else Status.FAIL
        assert statuses(registries.repository_without_scan, repo, registry, gpu) == {
            repo.address: expected
        }


class TestCredentials:
    """SRM-SH-008: names that mean credentials, and maps whose keys are secret too."""

    @pytest.mark.parametrize(
        ("name", "credential"),
        [
            ("HF_TOKEN", True),
            ("HUGGING_FACE_HUB_TOKEN", True),
            ("OPENAI_API_KEY", True),
            ("DB_PASSWORD", True),
            ("MAX_TOTAL_TOKENS", False),
            ("TOKENIZER_PATH", False),
            ("HF_TOKEN_SECRET_ARN", False),
        ],
    )
    def test_credential_names(self, name: str, credential: bool) -> None:
        assert secrets.is_credential_name(name) is credential

    def test_keys_of_a_wholly_sensitive_map_are_not_printed(self) -> None:
        model = resource(
            "aws_sagemaker_model",
            primary_container=[{"environment": {"VENDOR_API_KEY": "k-123"}}],
            sensitive={"primary_container": [{"environment": True}]},
        )
        result = run(secrets.credential_in_environment, model)[model.address]
        assert result.status is Status.FAIL
        assert "VENDOR_API_KEY" not in result.message and SENSITIVE_PLACEHOLDER in result.message
        assert "k-123" not in result.message

    def test_empty_value_is_not_a_credential(self) -> None:
        model = resource(
            "aws_sagemaker_model", primary_container=[{"environment": {"HF_TOKEN": ""}}]
        )
        assert statuses(secrets.credential_in_environment, model) == {model.address: Status.PASS}


def workload(
    image: str = "ollama/ollama:0.5.7", namespace: str = "inference", **container: Any
) -> Resource:
    """An inference-server deployment labelled app=llm."""
    return resource(
        "kubernetes_deployment_v1",
        "llm",
        metadata=[{"namespace": namespace}],
        spec=[
            {
                "template": [
                    {
                        "metadata": [{"labels": {"app": "llm"}}],
                        "spec": [{"container": [{"image": image, **container}]}],
                    }
                ]
            }
        ],
    )


def service(
    annotations: dict[str, str] | None = None,
    namespace: str = "inference",
    **spec: Any,
) -> Resource:
    """A LoadBalancer Service selecting app=llm."""
    values = {"type": "LoadBalancer", "selector": {"app": "llm"}, **spec}
    return resource(
        "kubernetes_service_v1",
        "llm",
        metadata=[{"namespace": namespace, "annotations": annotations}],
        spec=[values],
    )


class TestExposure:
    """SRM-SH-022: which Services put an inference server on the internet."""

    def verdict(self, *resources: Resource) -> Status | None:
        return statuses(serving.unauthenticated_server_exposed, *resources).get(
            "kubernetes_deployment_v1.llm"
        )

    def test_plain_load_balancer_is_public(self) -> None:
        assert self.verdict(workload(), service()) is Status.FAIL

    @pytest.mark.parametrize(
        "annotations",
        [
            {"service.beta.kubernetes.io/aws-load-balancer-internal": "true"},
            {"networking.gke.io/load-balancer-type": "Internal"},
            {"service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
            {"service.beta.kubernetes.io/aws-load-balancer-type": "external"},
        ],
    )
    def test_internal_load_balancers(self, annotations: dict[str, str]) -> None:
        assert self.verdict(workload(), service(annotations)) is Status.PASS

    def test_aws_controller_internet_facing_scheme(self) -> None:
        annotations = {
            "service.beta.kubernetes.io/aws-load-balancer-type": "external",
            "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
        }
        assert self.verdict(workload(), service(annotations)) is Status.FAIL

    def test_source_ranges_restrict(self) -> None:
        restricted = service(load_balancer_source_ranges=["10.0.0.0/8"])
        assert self.verdict(workload(), restricted) is Status.PASS

    def test_other_namespace_and_no_service_are_not_judged(self) -> None:
        assert self.verdict(workload(), service(namespace="default")) is None

    def test_unknown_selector_is_unknown(self) -> None:
        pending = resource(
            "kubernetes_service_v1",
            "llm",
            metadata=[{"namespace": "inference"}],
            spec=[{"type": "LoadBalancer"}],
            unknown={"spec": [{"selector": True}]},
        )
        assert self.verdict(workload(), pending) is Status.UNKNOWN

    def test_tgi_api_key_argument(self) -> None:
        keyed = workload(
            "ghcr.io/huggingface/text-generation-inference:3.0.1", args=["--api-key", "$(KEY)"]
        )
        assert self.verdict(keyed, service()) is Status.PASS

    def test_ollama_cannot_be_keyed(self) -> None:
        assert self.verdict(workload(env=[{"name": "API_KEY"}]), service()) is Status.FAIL

    def test_vllm_api_key_from_environment(self) -> None:
        keyed = workload("vllm/vllm-openai:v0.6.4", env=[{"name": "VLLM_API_KEY"}])
        assert self.verdict(keyed, service()) is Status.PASS
        assert self.verdict(workload("vllm/vllm-openai:v0.6.4"), service()) is Status.FAIL


class TestWithoutConfiguration:
    """Inputs that cannot tell written from defaulted attributes (declared is None)."""

    def test_gpu_instance_public_ip_unknown(self) -> None:
        gpu = resource(
            "aws_instance",
            "gpu",
            instance_type="g5.xlarge",
            unknown={"associate_public_ip_address": True},
        )
        assert statuses(instances.gpu_instance_public_ip, gpu) == {gpu.address: Status.UNKNOWN}

    def test_imds_tokens_unknown(self) -> None:
        gpu = resource(
            "aws_instance", "gpu", instance_type="g5.xlarge", unknown={"metadata_options": True}
        )
        assert statuses(instances.gpu_instance_imdsv1, gpu) == {gpu.address: Status.UNKNOWN}

    def test_written_block_does_not_write_its_other_attributes(self) -> None:
        gpu = resource(
            "aws_instance",
            "gpu",
            instance_type="g5.xlarge",
            metadata_options=[{"http_endpoint": "enabled"}],
            unknown={"metadata_options": [{"http_tokens": True}]},
            declared=frozenset(
                {"instance_type", "metadata_options{}", "metadata_options.http_endpoint"}
            ),
        )
        assert statuses(instances.gpu_instance_imdsv1, gpu) == {gpu.address: Status.FAIL}


class TestScope:
    """Which clusters are judged, and when cost is judged at all."""

    def test_unlinked_gpu_node_group_judges_every_cluster(self) -> None:
        cluster = named("aws_eks_cluster", "main", "main", enabled_cluster_log_types=["audit"])
        group = resource(
            "aws_eks_node_group", "gpu", cluster_name="elsewhere", instance_types=["g5.xlarge"]
        )
        assert statuses(clusters.eks_without_audit_logs, cluster, group) == {
            cluster.address: Status.PASS
        }

    def test_cluster_without_models_is_not_judged(self) -> None:
        cluster = named("aws_eks_cluster", "web", "web", enabled_cluster_log_types=[])
        group = resource(
            "aws_eks_node_group", "web", cluster_name="web", instance_types=["m7i.large"]
        )
        assert statuses(clusters.eks_without_audit_logs, cluster, group) == {}

    def test_budget_not_judged_without_aws_compute(self) -> None:
        workspace = resource(
            "azurerm_machine_learning_workspace", public_network_access_enabled=False
        )
        assert statuses(cost.budget_missing, workspace) == {}
