# Spinewell, hosted for many people: each person's answers, plan and diary stay in their own browser
# (SPINEWELL_STORAGE=browser), so this container keeps no one's data and any number of copies can run side by side.
#   docker build -t spinewell .
#   docker run --rm -p 8501:8501 spinewell        then open http://localhost:8501
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 spinewell
COPY --chown=root:root . .
USER spinewell

ENV SPINEWELL_STORAGE=browser
ENV MALLOC_ARENA_MAX=2
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() == b'ok' else 1)"]
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
