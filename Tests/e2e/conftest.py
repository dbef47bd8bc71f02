import os

import anthropic
import openai
import pytest


@pytest.fixture(scope="session")
def base_url():
    return os.environ["STRATA_URL"]


@pytest.fixture(scope="session")
def master_key():
    return os.environ["STRATA_MASTER_KEY"]


@pytest.fixture(scope="session")
def client(base_url, master_key):
    return openai.OpenAI(base_url=base_url + "/v1", api_key=master_key, max_retries=0)


@pytest.fixture(scope="session")
def claude(base_url, master_key):
    return anthropic.Anthropic(base_url=base_url, api_key=master_key, max_retries=0)
