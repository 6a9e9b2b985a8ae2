#!/bin/sh
# Renders the site from BACKEND_URL (default http://backend:8000) and the container's DNS
# servers, then runs nginx in the foreground as PID 1.
set -eu

backend=${BACKEND_URL:-http://backend:8000}
backend=${backend%/}
case $backend in
  *[!A-Za-z0-9.:/_-]*) ;;
  http://?* | https://?*) valid=yes ;;
esac
if [ "${valid:-}" != yes ]; then
  echo "BACKEND_URL: must be an http(s) URL such as http://backend:8000, got '$backend'" >&2
  exit 1
fi

resolvers=
while read -r key value _; do
  [ "$key" = nameserver ] || continue
  case $value in *:*) value="[$value]" ;; esac
  resolvers="$resolvers $value"
done </etc/resolv.conf
if [ -z "$resolvers" ]; then
  echo 'no nameserver in /etc/resolv.conf: nginx cannot resolve BACKEND_URL' >&2
  exit 1
fi

sed -e "s|@BACKEND_URL@|$backend|g" -e "s|@RESOLVERS@|$resolvers|g" /etc/nginx/site.conf.template >/tmp/site.conf
exec nginx -e stderr -c /etc/nginx/nginx.conf
