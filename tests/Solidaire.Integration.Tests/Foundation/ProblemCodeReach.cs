using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Http;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The problem codes a method can reach, read from the compiled IL of the app's own assemblies:
/// every call, lambda and async state machine it leads to (an interface or virtual call to every
/// implementation the app has), and on the way every static <see cref="Failure"/> or
/// <see cref="ProblemResult"/> it loads and every string that is a code. An over-approximation: a code
/// it does not find is one no code path of the method can answer.
/// </summary>
internal sealed class ProblemCodeReach
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly[] _ours = [typeof(Failure).Assembly, typeof(ProblemResult).Assembly];
    private readonly IReadOnlySet<string> _codes;
    private readonly HashSet<(Module, int)> _visited = [];
    private readonly Type[] _types;

    public ProblemCodeReach(IReadOnlySet<string> codes)
    {
        _codes = codes;
        _types = _ours.SelectMany(a => a.GetTypes()).ToArray();
    }

    public SortedSet<string> Found { get; } = new(StringComparer.Ordinal);

    public void Visit(MethodBase method)
    {
        if (!_ours.Contains(method.Module.Assembly))
            return;
        method = method.Module.ResolveMethod(method.MetadataToken)!; // the definition, not a generic instance
        if (!_visited.Add((method.Module, method.MetadataToken)))
            return;
        if (method.IsAbstract)
        {
            foreach (var implementation in Implementations(method))
                Visit(implementation);
            return;
        }
        if (method.IsVirtual)
        {
            foreach (var implementation in Implementations(method))
                Visit(implementation);
        }
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            return;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            var token = code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineString or OperandType.InlineTok or OperandType.InlineType
                ? BitConverter.ToInt32(il, at)
                : 0;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                    Called(method.Module.ResolveMethod(token, typeArguments, methodArguments)!);
                    break;
                case OperandType.InlineField:
                    Loaded(method.Module.ResolveField(token, typeArguments, methodArguments)!);
                    break;
                case OperandType.InlineString:
                    if (method.Module.ResolveString(token) is var text && _codes.Contains(text))
                        Found.Add(text);
                    break;
                case OperandType.InlineType or OperandType.InlineTok:
                    if (method.Module.ResolveMember(token, typeArguments, methodArguments) is Type type)
                        StateMachine(type);
                    break;
            }
            at += OperandSize(code, il, at);
        }
    }

    private void Called(MethodBase callee)
    {
        Visit(callee);
        // AsyncTaskMethodBuilder.Start<TStateMachine>, Task.Run(lambda)…: a state machine of ours passed as a type argument.
        if (callee is MethodInfo { IsGenericMethod: true } generic)
        {
            foreach (var argument in generic.GetGenericArguments())
                StateMachine(argument);
        }
    }

    private void Loaded(FieldInfo field)
    {
        if (field.IsStatic && field.DeclaringType is { ContainsGenericParameters: false } && (field.FieldType == typeof(Failure) || field.FieldType == typeof(ProblemResult)))
        {
            var value = field.GetValue(null);
            Found.Add(value is Failure failure ? failure.Code : ((ProblemResult)value!).Code);
        }
        if (field.DeclaringType is { } owner)
            StateMachine(owner);
    }

    /// <summary>An async method's body lives in its state machine's MoveNext.</summary>
    private void StateMachine(Type type)
    {
        if (_ours.Contains(type.Assembly) && typeof(IAsyncStateMachine).IsAssignableFrom(type))
            Visit(type.GetMethod(nameof(IAsyncStateMachine.MoveNext), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!);
    }

    private IEnumerable<MethodBase> Implementations(MethodBase method)
    {
        if (method.DeclaringType is not { } declaring || declaring.ContainsGenericParameters)
            return [];
        if (declaring.IsInterface)
        {
            return _types
                .Where(t => !t.IsInterface && !t.ContainsGenericParameters && declaring.IsAssignableFrom(t))
                .Select(t => t.GetInterfaceMap(declaring))
                .SelectMany(map => map.InterfaceMethods.Zip(map.TargetMethods).Where(p => p.First == method).Select(p => (MethodBase)p.Second));
        }
        var definition = ((MethodInfo)method).GetBaseDefinition();
        return _types
            .Where(t => t != declaring && declaring.IsAssignableFrom(t) && !t.ContainsGenericParameters)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.GetBaseDefinition() == definition);
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
