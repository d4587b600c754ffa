#!/usr/bin/env python3
"""Writes the January 2026 exports of the reconcile example (README.md here says what each is
and where its shape comes from). The totals are chosen to be computed by hand; the daily buckets
are how the APIs return a month (bucket_width=1d, one bucket a day, empty where nothing was used).
Run from this directory: python3 make-exports.py"""
import json

DAY = 86400
JAN1 = 1767225600  # 2026-01-01T00:00:00Z


def openai_page(results_by_day):
    return {
        "object": "page",
        "data": [
            {
                "object": "bucket",
                "start_time": JAN1 + d * DAY,
                "end_time": JAN1 + (d + 1) * DAY,
                "results": results_by_day.get(d + 1, []),
            }
            for d in range(31)
        ],
        "has_more": False,
        "next_page": None,
    }


def usage(model, requests, inp, cached, out):
    return {
        "object": "organization.usage.completions.result",
        "input_tokens": inp,
        "input_cached_tokens": cached,
        "output_tokens": out,
        "input_audio_tokens": 0,
        "output_audio_tokens": 0,
        "num_model_requests": requests,
        "project_id": None,
        "user_id": None,
        "api_key_id": None,
        "model": model,
        "batch": None,
        "service_tier": None,
    }


def cost(value, item):
    return {
        "object": "organization.costs.result",
        "amount": {"value": value, "currency": "usd"},
        "line_item": item,
        "project_id": None,
    }


MINI = "gpt-5-mini-2025-08-07"
busy = [1, 8, 15, 22]
openai_usage = {d: [usage(MINI, 28000, 30800000, 18480000, 6160000)] for d in busy}
openai_usage[1].append(usage("gpt-4o-mini-2024-07-18", 50, 40000, 0, 8000))
with open("openai-usage-2026-01.json", "w") as f:
    json.dump(openai_page(openai_usage), f, indent=2)
    f.write("\n")

openai_costs = {
    d: [
        cost(3.696, MINI + ", input"),
        cost(0.462, MINI + ", cached input"),
        cost(12.32, MINI + ", output"),
        cost(0.75, "web search tool calls"),
    ]
    for d in busy
}
openai_costs[1].append(cost(0.014, "gpt-4o-mini-2024-07-18, input"))
with open("openai-costs-2026-01.json", "w") as f:
    json.dump(openai_page(openai_costs), f, indent=2)
    f.write("\n")


def anthropic_page(results_by_day):
    return {
        "data": [
            {
                "starting_at": "2026-01-%02dT00:00:00Z" % (d + 1),
                "ending_at": ("2026-01-%02dT00:00:00Z" % (d + 2)) if d < 30 else "2026-02-01T00:00:00Z",
                "results": results_by_day.get(d + 1, []),
            }
            for d in range(31)
        ],
        "has_more": False,
        "next_page": None,
    }


HAIKU = "claude-haiku-4-5-20251001"
anthropic_usage = {
    d: [
        {
            "uncached_input_tokens": 5000000,
            "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 1000000},
            "cache_read_input_tokens": 15000000,
            "output_tokens": 4000000,
            "server_tool_use": {"web_search_requests": 50},
            "api_key_id": None,
            "workspace_id": None,
            "model": HAIKU,
            "service_tier": None,
            "context_window": None,
        }
    ]
    for d in (1, 16)
}
with open("anthropic-usage-2026-01.json", "w") as f:
    json.dump(anthropic_page(anthropic_usage), f, indent=2)
    f.write("\n")


def anthropic_cost(cents, cost_type, token_type, description):
    return {
        "amount": cents,
        "context_window": "0-200k" if cost_type == "tokens" else None,
        "cost_type": cost_type,
        "currency": "USD",
        "description": description,
        "model": HAIKU if cost_type == "tokens" else None,
        "service_tier": "standard" if cost_type == "tokens" else None,
        "token_type": token_type,
        "workspace_id": None,
    }


anthropic_costs = {
    d: [
        anthropic_cost("500", "tokens", "uncached_input_tokens", "Claude Haiku 4.5 Usage - Input Tokens"),
        anthropic_cost("150", "tokens", "cache_read_input_tokens", "Claude Haiku 4.5 Usage - Input Tokens, Cache Hit"),
        anthropic_cost("125", "tokens", "cache_creation.ephemeral_5m_input_tokens",
                       "Claude Haiku 4.5 Usage - Input Tokens, Cache Write"),
        anthropic_cost("2200", "tokens", "output_tokens", "Claude Haiku 4.5 Usage - Output Tokens"),
        anthropic_cost("25", "web_search", None, "Web Search"),
    ]
    for d in (1, 16)
}
with open("anthropic-cost-2026-01.json", "w") as f:
    json.dump(anthropic_page(anthropic_costs), f, indent=2)
    f.write("\n")
