using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CjsJourney.Journeys;

/// <summary>
/// Every fact type a partner may submit, found once at start-up from the <see cref="Fact"/> records, with the stream
/// it belongs to and a schema that checks a submitted <c>data</c> object field by field before anything is stored.
/// </summary>
public sealed class FactCatalogue
{
    private readonly FrozenDictionary<string, FactType> _types;

    public FactCatalogue(IEnumerable<FactType> types) =>
        _types = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static FactCatalogue FromAssembly(Assembly assembly) => new(assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Fact)))
        .Select(FactType.For));

    public IEnumerable<FactType> Types => _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public FactType? Find(string name) => _types.GetValueOrDefault(name);
}

public sealed class FactType
{
    private static readonly string[] EnvelopeOnly = ["occurredAt", "source"];
    private readonly Func<Fact, string> _id;
    private readonly FieldSpec _schema;

    private FactType(Type clrType, StreamKind stream, Func<Fact, string> id)
    {
        ClrType = clrType;
        Stream = stream;
        _id = id;
        StartsStream = typeof(IStartsStream).IsAssignableFrom(clrType);
        _schema = FieldSpec.ForObject(clrType);
    }

    public string Name => ClrType.Name;

    /// <summary>The fields of <c>data</c>, for partners building a submission (and tests that try each one).</summary>
    public IReadOnlyList<FieldDescription> Fields => _schema.Describe();

    public Type ClrType { get; }

    public StreamKind Stream { get; }

    public bool StartsStream { get; }

    /// <summary>The name of the field in <c>data</c> that keys the stream.</summary>
    public string KeyField => Stream switch
    {
        StreamKind.Case => "urn",
        StreamKind.Victim => "victimId",
        _ => "personId",
    };

    /// <summary>The id of the stream (URN, victim id, person id) this fact belongs to.</summary>
    public string StreamIdOf(Fact fact) => _id(fact);

    public static FactType For(Type type)
    {
        if (typeof(ICaseFact).IsAssignableFrom(type))
        {
            return new FactType(type, StreamKind.Case, f => ((ICaseFact)f).Urn);
        }

        if (typeof(IVictimFact).IsAssignableFrom(type))
        {
            return new FactType(type, StreamKind.Victim, f => ((IVictimFact)f).VictimId);
        }

        if (typeof(IPersonFact).IsAssignableFrom(type))
        {
            return new FactType(type, StreamKind.Person, f => ((IPersonFact)f).PersonId);
        }

        throw new InvalidOperationException($"Fact {type.Name} does not say which stream it belongs to.");
    }

    /// <summary>
    /// Reads <paramref name="data"/> as this fact: required fields present, no unknown fields, each value of the
    /// right type, then the fact's own rules. Errors name the field as a path inside <c>data</c>.
    /// </summary>
    public (Fact? Fact, IReadOnlyList<FieldError> Errors) Read(JsonElement data, JsonSerializerOptions options)
    {
        var errors = new List<FieldError>();
        if (data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("", "must be a JSON object"));
            return (null, errors);
        }

        foreach (var reserved in EnvelopeOnly)
        {
            if (data.TryGetProperty(reserved, out _))
            {
                errors.Add(new FieldError(reserved, "belongs on the envelope, not in data"));
            }
        }

        _schema.CheckShape(data, "", errors, skip: EnvelopeOnly);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        Fact fact;
        try
        {
            fact = (Fact)data.Deserialize(ClrType, options)!;
        }
        catch (JsonException ex)
        {
            var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
            errors.Add(new FieldError(path, $"is not a valid {_schema.Describe(path)}"));
            return (null, errors);
        }

        if (fact is IValidatedFact validated)
        {
            errors.AddRange(validated.Validate());
        }

        return (errors.Count == 0 ? fact : null, errors);
    }
}

public sealed record FieldDescription(string Name, string Type, bool Required, IReadOnlyList<FieldDescription>? Fields);

/// <summary>The shape of one field: required or not, and for objects and lists of objects, their own fields.</summary>
internal sealed class FieldSpec
{
    private FieldSpec(string name, Type type, bool required)
    {
        Name = name;
        Type = type;
        Required = required;
    }

    public string Name { get; }

    public Type Type { get; }

    public bool Required { get; }

    public IReadOnlyList<FieldSpec> Fields { get; private init; } = [];

    public FieldSpec? Element { get; private init; }

    public static FieldSpec ForObject(Type type) => new("", type, true) { Fields = FieldsOf(type) };

    private static List<FieldSpec> FieldsOf(Type type)
    {
        // Positional records: the primary constructor's parameters are the fields.
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext(); // not thread-safe: one per use
        return ctor.GetParameters().Select(p =>
        {
            var nullable = Nullable.GetUnderlyingType(p.ParameterType) is not null ||
                           (!p.ParameterType.IsValueType &&
                            nullability.Create(p).WriteState == NullabilityState.Nullable);
            return Describe(JsonNamingPolicy.CamelCase.ConvertName(p.Name!), p.ParameterType,
                required: !nullable && !p.HasDefaultValue);
        }).ToList();
    }

    private static FieldSpec Describe(string name, Type type, bool required)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsRecord(underlying))
        {
            return new FieldSpec(name, underlying, required) { Fields = FieldsOf(underlying) };
        }

        if (ElementTypeOf(underlying) is { } element)
        {
            return new FieldSpec(name, underlying, required) { Element = Describe("", element, true) };
        }

        return new FieldSpec(name, underlying, required);
    }

    public void CheckShape(JsonElement value, string path, List<FieldError> errors, IReadOnlyCollection<string>? skip = null)
    {
        if (Fields.Count > 0)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(path, "must be a JSON object"));
                return;
            }

            foreach (var field in Fields)
            {
                var fieldPath = Join(path, field.Name);
                if (!value.TryGetProperty(field.Name, out var child) || child.ValueKind == JsonValueKind.Null)
                {
                    if (field.Required)
                    {
                        errors.Add(new FieldError(fieldPath, "is required"));
                    }

                    continue;
                }

                if (field.Type == typeof(string) && child.ValueKind == JsonValueKind.String &&
                    string.IsNullOrWhiteSpace(child.GetString()))
                {
                    errors.Add(new FieldError(fieldPath, "must not be blank"));
                    continue;
                }

                field.CheckShape(child, fieldPath, errors);
            }

            foreach (var property in value.EnumerateObject())
            {
                if (Fields.All(f => f.Name != property.Name) && skip?.Contains(property.Name) != true)
                {
                    errors.Add(new FieldError(Join(path, property.Name), "is not a field of this fact"));
                }
            }
        }
        else if (Element is not null)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new FieldError(path, "must be a JSON array"));
                return;
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (item.ValueKind == JsonValueKind.Null)
                {
                    errors.Add(new FieldError(itemPath, "must not be null"));
                }
                else
                {
                    Element.CheckShape(item, itemPath, errors);
                }
            }
        }
    }

    public IReadOnlyList<FieldDescription> Describe() => Fields
        .Select(f => new FieldDescription(f.Name, f.Describe(""), f.Required,
            f.Fields.Count > 0 ? f.Describe() : f.Element is { Fields.Count: > 0 } e ? e.Describe() : null))
        .ToList();

    /// <summary>What a value at <paramref name="path"/> should be, for error messages.</summary>
    public string Describe(string path)
    {
        var spec = this;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            spec = spec.Fields.FirstOrDefault(f => f.Name == name) ?? spec;
            if (segment.Contains('[', StringComparison.Ordinal) && spec.Element is not null)
            {
                spec = spec.Element;
            }
        }

        var type = spec.Type;
        return type switch
        {
            _ when type.IsEnum => "value; expected one of: " + string.Join(", ",
                Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)),
            _ when type == typeof(DateTimeOffset) => "instant; expected ISO 8601 with an offset, e.g. 2026-03-01T10:15:00Z",
            _ when type == typeof(DateOnly) => "date; expected YYYY-MM-DD",
            _ when type == typeof(Guid) => "id; expected a UUID",
            _ when type == typeof(int) || type == typeof(long) => "whole number",
            _ when type == typeof(decimal) || type == typeof(double) => "number",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(string) => "string",
            _ when spec.Element is not null => "list",
            _ => "value",
        };
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("CjsJourney", StringComparison.Ordinal) == true &&
        type.GetMethod("<Clone>$") is not null;

    private static Type? ElementTypeOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericArguments() is [var element] &&
               typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type)
            ? element
            : null;
    }
}

/// <summary>The JSON conventions of the public API: camelCase fields, kebab-case enum values, nothing implicit.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
