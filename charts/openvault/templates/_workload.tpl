{{/*
One long-running component (backend, frontend, proxy): its ConfigMap of settings, its Secret of secret settings
(only when secretEnv is given), Deployment, PodDisruptionBudget and HorizontalPodAutoscaler.
  include "openvault.workload" (dict "root" $ "component" "backend" "values" .Values.backend
    "config" (dict "OV_DB_URL" "…")  "env" (list …)  "ports" (list …)  "volumes" (list …)  "volumeMounts" (list …)
    "files" "content of mounted ConfigMaps, to roll the pods when it changes"
    "recreate" true-when-a-ReadWriteOnce-volume-is-mounted
    "serviceAccountName" "optional ServiceAccount of the pods"
    "initContainers" (list …))   initContainers: optional full Container objects, run before the component's
    container (they mount the pod's volumes, e.g. tmp at /tmp, themselves)
*/}}
{{- define "openvault.workload" -}}
{{- $ctx := . -}}
{{- $root := .root -}}
{{- $c := .values -}}
{{- $name := printf "%s-%s" (include "openvault.fullname" $root) .component -}}
{{- $config := dict -}}
{{- range $key, $value := merge (dict) $c.env .config }}
{{- $_ := set $config $key (toString $value) }}
{{- end }}
{{- $secret := dict -}}
{{- range $key, $value := $c.secretEnv }}
{{- $_ := set $secret $key (toString $value) }}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
data:
  {{- toYaml $config | nindent 2 }}
{{- if $secret }}
---
apiVersion: v1
kind: Secret
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
type: Opaque
stringData:
  {{- toYaml $secret | nindent 2 }}
{{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
spec:
  {{- if not $c.autoscaling.enabled }}
  replicas: {{ $c.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    {{- if .recreate }}
    # A ReadWriteOnce volume cannot be mounted by the new pod while the old one holds it.
    type: Recreate
    {{- else }}
    # New pods must be ready before old ones go (as the original: maxUnavailable 0, maxSurge 50%).
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 50%
    {{- end }}
  selector:
    matchLabels:
      {{- include "openvault.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "openvault.labels" . | nindent 8 }}
      annotations:
        # Settings are read at start: a changed ConfigMap or Secret rolls the pods.
        checksum/config: {{ toYaml $config | sha256sum }}
        checksum/secret: {{ toYaml $secret | sha256sum }}
        {{- with .files }}
        checksum/files: {{ . | sha256sum }}
        {{- end }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with .serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      # The drain (readiness down, requests still served), then in-flight requests finish, within this time.
      terminationGracePeriodSeconds: {{ add (int $c.drainSeconds) 20 }}
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with $root.Values.topologySpread }}
      # Replicas spread over nodes and zones; pod-template-hash keeps a rolling update's new pods spread too.
      topologySpreadConstraints:
        {{- range . }}
        - maxSkew: {{ .maxSkew }}
          topologyKey: {{ .topologyKey }}
          whenUnsatisfiable: {{ .whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "openvault.selectorLabels" $ctx | nindent 14 }}
          matchLabelKeys:
            - pod-template-hash
        {{- end }}
      {{- end }}
      {{- with .initContainers }}
      initContainers:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "openvault.image" (dict "root" $root "image" $c.image) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            {{- toYaml .ports | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ $name }}
            {{- if $secret }}
            - secretRef:
                name: {{ $name }}
            {{- end }}
            # Settings the operator keeps in a Secret; optional, the pod starts without it.
            - secretRef:
                name: {{ include "openvault.componentSecretName" . }}
                optional: true
          {{- $env := concat (.env | default list) ($c.extraEnv | default list) }}
          {{- with $env }}
          env:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          startupProbe:
            {{- toYaml $c.probes.startup | nindent 12 }}
          livenessProbe:
            {{- toYaml $c.probes.liveness | nindent 12 }}
          readinessProbe:
            {{- toYaml $c.probes.readiness | nindent 12 }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        {{- with .volumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- /* A budget that a single replica can never satisfy would block every node drain. */}}
{{- if and $c.podDisruptionBudget.enabled (or $c.autoscaling.enabled (gt (int $c.replicas) (int $c.podDisruptionBudget.minAvailable))) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
spec:
  minAvailable: {{ $c.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "openvault.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if $c.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}
