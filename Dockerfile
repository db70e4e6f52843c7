FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
RUN SECRET_KEY=collectstatic-only NORTHSTAR_SECRETS_KEY=collectstatic-only python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python -m northstar.serve -b 0.0.0.0 -p 8000 northstar.asgi:application"]
